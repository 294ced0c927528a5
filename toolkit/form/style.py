"""The form's stylesheet: calm, readable, large click targets; works in JupyterLab and in Voila."""

CSS = """
.sme-form { --sme-accent: #1f6f5c; --sme-accent-soft: #e6f2ee; --sme-line: #d9dee3; --sme-text: #1d2730;
  --sme-muted: #5b6773; --sme-warn: #9a3412; --sme-warn-soft: #fff4e5;
  font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--sme-text); font-size: 15px;
  max-width: 1180px; margin: 0 auto; }
.sme-form .widget-html-content { font-size: 15px; line-height: 1.45; }
.sme-header { border-bottom: 3px solid var(--sme-accent); padding: 6px 0 10px 0; margin-bottom: 8px;
  align-items: flex-end; }
.sme-title { font-size: 24px; font-weight: 600; color: var(--sme-accent); }
.sme-company { font-size: 16px; color: var(--sme-muted); margin-top: 2px; }
.sme-lang .widget-toggle-button { width: auto; min-width: 90px; }
.sme-status { min-height: 22px; color: var(--sme-muted); font-size: 13px; }
.sme-status .widget-html-content { font-size: 13px; }
.sme-banner { background: var(--sme-warn-soft); border: 2px solid #f59e0b; border-radius: 8px; padding: 10px 14px;
  align-items: center; gap: 14px; margin: 4px 0 8px 0; }
.sme-banner .widget-html-content { color: var(--sme-warn); font-size: 15px; white-space: normal; }
.sme-body { align-items: flex-start; gap: 22px; }
.sme-sidebar { border-right: 1px solid var(--sme-line); padding-right: 14px; flex: 0 0 300px;
  position: sticky; top: 0; max-height: 100vh; overflow-y: auto; }
.sme-sidebar > *, .sme-nav-box > * { flex-shrink: 0; }
.sme-summary { background: #f6f8f9; border-radius: 8px; padding: 4px 12px 10px 12px; margin-bottom: 10px; }
.sme-sum-title { font-weight: 600; margin-top: 8px; color: var(--sme-accent); font-size: 14px; }
.sme-sum-text { font-size: 13px; color: var(--sme-muted); }
.sme-bar { background: #e3e8ec; border-radius: 4px; height: 8px; margin: 4px 0; overflow: hidden; }
.sme-bar > div { background: var(--sme-accent); height: 100%; }
.sme-bar-score > div { background: #3b82a6; }
.sme-dim { margin-top: 6px; }
.sme-dim-head { display: flex; justify-content: space-between; font-size: 14px; }
.sme-dim-level { font-size: 12px; color: var(--sme-muted); }
.sme-nav-title { font-weight: 600; font-size: 14px; color: var(--sme-muted); text-transform: uppercase;
  letter-spacing: .04em; margin: 6px 0 4px 0; }
.sme-nav-area { display: flex; justify-content: space-between; font-weight: 600; font-size: 14px;
  margin: 10px 0 2px 0; color: var(--sme-accent); }
.sme-count { color: var(--sme-muted); font-weight: 400; }
.sme-form button.sme-nav { text-align: left; background: transparent; box-shadow: none; border: none;
  height: auto; min-height: 30px; padding: 4px 8px; white-space: normal; line-height: 1.3; font-size: 14px;
  color: var(--sme-text); border-radius: 6px; overflow: visible; text-overflow: clip; }
.sme-form button.sme-nav:hover { background: var(--sme-accent-soft); }
.sme-form button.sme-nav-current { background: var(--sme-accent); color: white; font-weight: 600; }
.sme-form button.sme-nav-current:hover { background: var(--sme-accent); }
.sme-form button.sme-nav-empty { color: #9aa5b1; }
.sme-main { min-width: 0; }
.sme-page-title h2 { font-size: 21px; margin: 4px 0 12px 0; color: var(--sme-text); font-weight: 600; }
.sme-page-area { font-size: 13px; color: var(--sme-muted); text-transform: uppercase; letter-spacing: .05em; }
.sme-intro { color: var(--sme-muted); margin: 0 0 10px 0; }
.sme-q { border: 1px solid var(--sme-line); border-radius: 10px; padding: 12px 16px; margin: 0 0 14px 0;
  background: white; box-sizing: border-box; }
.sme-q.sme-invalid { border-color: #dc2626; box-shadow: 0 0 0 1px #dc2626 inset; }
.sme-q-text { font-size: 16px; font-weight: 600; margin-bottom: 4px; }
.sme-q-hint { font-size: 13px; color: var(--sme-muted); }
.sme-help { font-size: 14px; color: var(--sme-muted); margin: 2px 0; }
.sme-help summary { cursor: pointer; color: var(--sme-accent); }
.sme-refs { font-size: 11px; color: #8a96a3; margin: 2px 0 6px 0; }
.sme-form .widget-radio-box { gap: 2px; }
.sme-form .sme-radio .widget-radio-box label { white-space: normal; line-height: 1.35; padding: 6px 8px;
  border-radius: 6px; border: 1px solid transparent; display: flex; flex-direction: row-reverse;
  justify-content: flex-end; align-items: flex-start; gap: 10px; font-size: 15px; height: auto; cursor: pointer; }
.sme-form .sme-radio .widget-radio-box label:hover { background: var(--sme-accent-soft); }
.sme-form .sme-radio .widget-radio-box input { margin: 3px 0 0 0; flex: 0 0 auto; }
.sme-form .sme-radio .widget-radio-box label:has(input:checked) { background: var(--sme-accent-soft);
  border-color: var(--sme-accent); }
.sme-form .sme-inline .widget-radio-box { flex-direction: row; gap: 18px; }
.sme-form .sme-radio > .widget-label { display: none; }
.sme-form .sme-check label { white-space: normal; font-size: 15px; line-height: 1.35; height: auto; }
.sme-form .sme-check { height: auto; margin: 2px 0; }
.sme-form .sme-check input { margin-right: 8px; }
.sme-form .sme-number input { font-size: 15px; }
.sme-unit-fixed { padding-left: 8px; line-height: 28px; color: var(--sme-muted); }
.sme-form .sme-textarea textarea { min-height: 60px; font-size: 14px; font-family: inherit; }
.sme-extras { gap: 18px; flex-wrap: wrap; margin-top: 4px; border-top: 1px dashed var(--sme-line); padding-top: 4px; }
.sme-form .sme-extra label { font-size: 13px; color: var(--sme-muted); }
.sme-form .sme-extra { width: auto; }
.sme-form button.sme-clear { background: transparent; box-shadow: none; color: var(--sme-muted); font-size: 12px;
  height: 22px; padding: 0 6px; text-decoration: underline; }
.sme-label { font-size: 14px; color: var(--sme-text); }
.sme-error { color: #b91c1c; font-size: 14px; margin: 4px 0; white-space: normal; }
.sme-warning { color: #92400e; background: #fffbeb; border-left: 3px solid #d97706; font-size: 14px; margin: 4px 0;
  padding: 4px 8px; white-space: normal; }
.sme-hint { color: #5b6773; font-size: 13px; }
.sme-notsaved { font-weight: 600; }
.sme-size { margin-top: 6px; padding: 8px 12px; background: var(--sme-accent-soft); border-radius: 8px;
  font-weight: 600; }
.sme-pager { margin: 6px 0 30px 0; align-items: center; }
.sme-pagecount { color: var(--sme-muted); font-size: 13px; }
.sme-form button.sme-next, .sme-form button.sme-prev { min-width: 120px; height: 36px; font-size: 15px;
  border-radius: 6px; }
.sme-form button.sme-next { background: var(--sme-accent); }
"""
