"""The form's stylesheet: calm, readable, large click targets; works in JupyterLab and in Voila, on any screen.

The layout follows the width the form actually gets (a CSS container query on ``.sme-form``), not the window:
in JupyterLab beside the file browser a 1024 px window leaves the form about 700 px, and it behaves like a
tablet. From 800 px the contents and the detailed scores sit in a sidebar; below that they become a block
"Fortschritt & Inhalt" above the questions that opens and closes. A slim bar with the progress and the live
scores stays at the top of the screen at every width (``position: sticky``), which needs every box between the
form and the page's scrolling element to let it overflow: the rules marked "sticky" below do that for the
output areas of JupyterLab and Voila. No layout width is set by the kernel (inline styles would beat the
queries); everything is here.
"""

CSS = """
.sme-form { --sme-accent: #1f6f5c; --sme-accent-soft: #e6f2ee; --sme-line: #d9dee3; --sme-text: #1d2730;
  --sme-muted: #5b6773; --sme-warn: #9a3412; --sme-warn-soft: #fff4e5; --sme-focus: #b45309;
  container-type: inline-size; container-name: sme;
  font-family: "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--sme-text); font-size: 15px;
  width: 100%; max-width: 1180px; margin: 0 auto; box-sizing: border-box; min-width: 0; }
.sme-pick-root { width: 100%; }
.sme-form * { box-sizing: border-box; }
.sme-form .widget-html-content { font-size: 15px; line-height: 1.45; }
/* sticky: the boxes between the form and the scrolling page must not clip or scroll themselves */
.sme-form, .sme-form .sme-body, .sme-form .sme-main, .sme-form .sme-page-body { overflow: visible; }
.jp-OutputArea:has(.sme-form), .jp-OutputArea-child:has(.sme-form), .jp-OutputArea-output:has(.sme-form),
.jp-Cell-outputWrapper:has(.sme-form), .jp-Cell:has(.sme-form), .widget-box:has(.sme-form) {
  overflow: visible; contain: none; }
/* keyboard use: a clear focus ring on everything that can take focus */
.sme-form :focus-visible { outline: 3px solid var(--sme-focus); outline-offset: 2px; }
.sme-form input:focus-visible, .sme-form select:focus-visible, .sme-form textarea:focus-visible {
  outline: 3px solid var(--sme-focus); outline-offset: 1px; }
/* a label a screen reader reads, not shown on screen */
.sme-form .sme-sr > .widget-label, .sme-form .sme-sr > label.widget-label, .sme-sr-only {
  position: absolute !important; width: 1px !important; height: 1px !important; padding: 0 !important;
  margin: -1px !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; white-space: nowrap !important;
  border: 0 !important; min-width: 0 !important; }

/* header */
.sme-header { border-bottom: 3px solid var(--sme-accent); padding: 6px 0 10px 0; margin-bottom: 8px;
  align-items: flex-end; justify-content: space-between; flex-wrap: wrap; gap: 8px; width: 100%; }
.sme-title { font-size: 24px; font-weight: 600; color: var(--sme-accent); }
.sme-company { font-size: 16px; color: var(--sme-muted); margin-top: 2px; overflow-wrap: anywhere; }
.sme-form .sme-lang { width: auto; flex: 0 0 auto; }
.sme-form .sme-lang .widget-toggle-button { width: auto; min-width: 90px; }
.sme-form .sme-lang .widget-toggle-buttons { flex-wrap: nowrap; }
.sme-status { min-height: 22px; color: var(--sme-muted); font-size: 13px; }
.sme-status .widget-html-content { font-size: 13px; }
.sme-banner { background: var(--sme-warn-soft); border: 2px solid #f59e0b; border-radius: 8px; padding: 10px 14px;
  align-items: center; gap: 14px; margin: 4px 0 8px 0; flex-wrap: wrap; }
.sme-banner .widget-html-content { color: var(--sme-warn); font-size: 15px; white-space: normal; }

/* the slim bar: progress and live scores, always in view */
.sme-form .sme-strip { position: sticky; top: 0; z-index: 20; background: #fff; width: 100%;
  border-bottom: 1px solid var(--sme-line); padding: 6px 0; margin: 0 0 10px 0;
  box-shadow: 0 -12px 0 #fff; }  /* covers the scrolling box's top padding, so nothing shows above the bar */
.sme-strip-row { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 16px; font-size: 13px; }
.sme-strip-prog { display: flex; align-items: center; gap: 8px; flex: 1 1 220px; min-width: 0; }
.sme-strip-prog .sme-bar { flex: 1 1 60px; margin: 0; max-width: 260px; }
.sme-strip-label { color: var(--sme-muted); white-space: nowrap; }
.sme-strip-count { font-weight: 600; white-space: nowrap; }
.sme-strip-dims { display: flex; flex-wrap: wrap; gap: 4px 12px; }
.sme-chip { white-space: nowrap; color: var(--sme-muted); }
@container sme (max-width: 480px) { .sme-strip-row { font-size: 12px; gap: 2px 12px; } }
.sme-chip b { color: var(--sme-text); margin-left: 4px; }

/* body: sidebar beside the questions from 800 px, above them below */
.sme-body { align-items: flex-start; gap: 22px; width: 100%; flex-wrap: nowrap; }
.sme-form .sme-sidebar { border-right: 1px solid var(--sme-line); padding-right: 14px; flex: 0 0 300px;
  width: 300px; position: sticky; top: 52px; max-height: calc(100vh - 60px); overflow-y: auto; }
.sme-sidebar > *, .sme-nav-box > * { flex-shrink: 0; }
.sme-form button.sme-toc-toggle { display: none; }
.sme-form .sme-main { flex: 1 1 auto; min-width: 0; width: auto; scroll-margin-top: 80px; }
.sme-form .sme-page-body { width: 100%; }
@container sme (max-width: 799px) {
  .sme-body { flex-direction: column; align-items: stretch; gap: 8px; }
  .sme-form .sme-main { width: 100%; flex: 0 0 auto; }
  .sme-form .sme-sidebar { position: static; flex: 0 0 auto; width: 100%; max-height: none; overflow: visible;
    border-right: none; padding-right: 0; border: 1px solid var(--sme-line); border-radius: 10px; padding: 4px 10px; }
  .sme-form button.sme-toc-toggle { display: flex; }
  .sme-sidebar:not(.sme-toc-open) > :not(.sme-toc-toggle) { display: none; }
  .sme-title { font-size: 21px; }
  .sme-q { padding: 10px 12px; }
}
@container sme (max-width: 480px) {
  .sme-form .sme-lang .widget-toggle-button { min-width: 70px; padding: 0 8px; }
  .sme-form button.sme-next, .sme-form button.sme-prev { min-width: 96px; }
}
.sme-form button.sme-toc-toggle { width: 100%; justify-content: space-between; align-items: center;
  background: transparent; box-shadow: none; border: none; font-weight: 600; font-size: 15px; height: 40px;
  color: var(--sme-accent); padding: 0 4px; }
.sme-summary { background: #f6f8f9; border-radius: 8px; padding: 4px 12px 10px 12px; margin-bottom: 10px; }
.sme-sum-title { font-weight: 600; margin-top: 8px; color: var(--sme-accent); font-size: 14px; }
.sme-sum-text { font-size: 13px; color: var(--sme-muted); }
.sme-bar { background: #e3e8ec; border-radius: 4px; height: 8px; margin: 4px 0; overflow: hidden; }
.sme-bar > div { background: var(--sme-accent); height: 100%; }
.sme-bar-score > div { background: #3b82a6; }
.sme-dim { margin-top: 6px; }
.sme-dim-head { display: flex; justify-content: space-between; font-size: 14px; gap: 8px; }
.sme-dim-level { font-size: 12px; color: var(--sme-muted); }
.sme-nav-title { font-weight: 600; font-size: 14px; color: var(--sme-muted); text-transform: uppercase;
  letter-spacing: .04em; margin: 6px 0 4px 0; }
.sme-nav-area { display: flex; justify-content: space-between; font-weight: 600; font-size: 14px;
  margin: 10px 0 2px 0; color: var(--sme-accent); }
.sme-count { color: var(--sme-muted); font-weight: 400; }
.sme-form .sme-nav-box, .sme-form .sme-sidebar { overflow-x: hidden; }
.sme-form button.sme-nav { text-align: left; background: transparent; box-shadow: none; border: none; width: 100%;
  margin: 1px 0;
  height: auto; min-height: 32px; padding: 4px 8px; white-space: normal; line-height: 1.3; font-size: 14px;
  color: var(--sme-text); border-radius: 6px; overflow: visible; text-overflow: clip; }
.sme-form button.sme-nav:hover { background: var(--sme-accent-soft); }
.sme-form button.sme-nav-current { background: var(--sme-accent); color: white; font-weight: 600; }
.sme-form button.sme-nav-current:hover { background: var(--sme-accent); }
.sme-form button.sme-nav-empty { color: #6b7785; }

/* pages and questions */
.sme-page-title h2 { font-size: 21px; margin: 4px 0 12px 0; color: var(--sme-text); font-weight: 600;
  overflow-wrap: anywhere; }
.sme-page-area { font-size: 13px; color: var(--sme-muted); text-transform: uppercase; letter-spacing: .05em; }
.sme-intro { color: var(--sme-muted); margin: 0 0 10px 0; }
.sme-q { border: 1px solid var(--sme-line); border-radius: 10px; padding: 12px 16px; margin: 0 0 14px 0;
  background: white; width: 100%; min-width: 0; }
.sme-q.sme-invalid { border-color: #dc2626; box-shadow: 0 0 0 1px #dc2626 inset; }
.sme-q-text { font-size: 16px; font-weight: 600; margin-bottom: 4px; overflow-wrap: anywhere; }
.sme-q-hint { font-size: 13px; color: var(--sme-muted); }
.sme-help { font-size: 14px; color: var(--sme-muted); margin: 2px 0; }
.sme-help summary, .sme-refs summary { cursor: pointer; color: var(--sme-accent); }
.sme-refs { font-size: 12px; color: var(--sme-muted); margin: 2px 0 6px 0; }
.sme-refs summary { font-size: 12px; display: inline-block; }
.sme-refs[open] summary { margin-bottom: 2px; }
.sme-form .widget-radio-box { gap: 2px; }
.sme-form .sme-radio { width: 100%; }
.sme-form .sme-radio .widget-radio-box label { white-space: normal; line-height: 1.35; padding: 6px 8px;
  border-radius: 6px; border: 1px solid transparent; display: flex; flex-direction: row-reverse;
  justify-content: flex-end; align-items: flex-start; gap: 10px; font-size: 15px; height: auto; cursor: pointer; }
.sme-form .sme-radio .widget-radio-box label:hover { background: var(--sme-accent-soft); }
.sme-form .sme-radio .widget-radio-box input { margin: 3px 0 0 0; flex: 0 0 auto; }
.sme-form .sme-radio .widget-radio-box label:has(input:checked) { background: var(--sme-accent-soft);
  border-color: var(--sme-accent); }
.sme-form .sme-inline .widget-radio-box { flex-direction: row; flex-wrap: wrap; gap: 4px 18px; }
.sme-form .sme-radio > .widget-label { display: none; }
.sme-form .sme-check { width: 100%; height: auto; margin: 2px 0; }
.sme-form .sme-check label { white-space: normal; font-size: 15px; line-height: 1.35; height: auto; }
.sme-form .sme-check input { margin-right: 8px; }
.sme-form .sme-amount { flex-wrap: wrap; gap: 6px 8px; align-items: center; width: 100%; }
.sme-form .sme-number, .sme-form .sme-profile-number { width: 14em; max-width: 100%; flex: 0 1 14em; margin: 0; }
.sme-form .sme-number input, .sme-form .sme-profile-number input { font-size: 15px; }
.sme-form .widget-dropdown.sme-unit { width: auto; flex: 0 0 auto; max-width: 100%; margin: 0; }
.sme-form .widget-dropdown.sme-unit > select { width: auto; flex: 0 0 auto; min-width: 6em; max-width: 100%; }
.sme-unit-fixed { padding-left: 2px; line-height: 28px; color: var(--sme-muted); }
.sme-form .sme-profile-input { width: 32em; max-width: 100%; margin: 0; }
.sme-form .sme-profile-input select, .sme-form .sme-profile-input input { min-width: 0; }
.sme-form .sme-textarea { width: 100%; margin: 0; }
.sme-form .sme-textarea textarea { min-height: 60px; font-size: 14px; font-family: inherit; }
.sme-extras { gap: 4px 18px; flex-wrap: wrap; margin-top: 4px; border-top: 1px dashed var(--sme-line);
  padding-top: 4px; width: 100%; }
.sme-form .sme-extra label { font-size: 13px; color: var(--sme-muted); white-space: normal; }
.sme-form .sme-extra { width: auto; height: auto; min-height: 28px; }
.sme-form button.sme-clear { background: transparent; box-shadow: none; color: var(--sme-muted); font-size: 12px;
  height: 24px; padding: 0 6px; text-decoration: underline; width: auto; }
.sme-label { font-size: 14px; color: var(--sme-text); }
.sme-error { color: #b91c1c; font-size: 14px; margin: 4px 0; white-space: normal; }
.sme-warning { color: #92400e; background: #fffbeb; border-left: 3px solid #d97706; font-size: 14px; margin: 4px 0;
  padding: 4px 8px; white-space: normal; }
.sme-hint { color: #5b6773; font-size: 13px; }
.sme-notsaved { font-weight: 600; }
.sme-size { margin-top: 6px; padding: 8px 12px; background: var(--sme-accent-soft); border-radius: 8px;
  font-weight: 600; }
.sme-pager { margin: 6px 0 30px 0; align-items: center; justify-content: space-between; width: 100%; gap: 8px; }
.sme-pagecount { color: var(--sme-muted); font-size: 13px; white-space: nowrap; }
.sme-form button.sme-next, .sme-form button.sme-prev { min-width: 120px; height: 40px; font-size: 15px;
  border-radius: 6px; width: auto; }
.sme-form button.sme-next { background: var(--sme-accent); }

/* choosing the company (the JupyterLab notebook) */
.sme-pick { max-width: 760px; }
.sme-pick .sme-q { margin-top: 8px; }
.sme-pick-row { flex-wrap: wrap; gap: 8px; align-items: center; width: 100%; }
.sme-form .sme-pick-input { width: 26em; max-width: 100%; margin: 0; flex: 0 1 26em; }
.sme-form .sme-pick-input select, .sme-form .sme-pick-input input { min-width: 0; }
.sme-form button.sme-pick-go { width: auto; min-width: 120px; height: 36px; }
.sme-pick-id { font-size: 13px; color: var(--sme-muted); min-height: 20px; }
.sme-pick-folder { font-size: 12px; color: var(--sme-muted); }
"""
