"""Demo data: three fictitious regional business networks in two rounds, and the end-to-end demo run."""

from toolkit.demo.generator import DEFAULT_SEED, DemoData, build_documents, generate

__all__ = ["DEFAULT_SEED", "DemoData", "build_documents", "generate"]
