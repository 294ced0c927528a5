"""The kinds of question a questionnaire may ask, one module per kind, and the registry that names them.

See :mod:`toolkit.definitions.types.base` for what a type holds and :mod:`toolkit.definitions.types.registry`
for how the rest of the toolkit finds it.
"""
