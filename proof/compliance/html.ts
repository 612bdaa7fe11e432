// What every HTML report of the proof shares: escaping and the page's style.

export const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c2430;background:#f6f7f9;margin:0}
main{max-width:72rem;margin:0 auto;padding:2rem 1rem}
h1{margin:0 0 .25rem}h2{margin:2rem 0 .5rem}h3{margin:1.25rem 0 .5rem;color:#5a6473}
.summary{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.summary div{background:#fff;border:1px solid #d9dee5;border-radius:10px;padding:.6rem 1rem;min-width:8rem}
.summary strong{display:block;font-size:1.6rem}
.verdict{padding:.75rem 1rem;border-radius:8px;font-weight:600}
.verdict.ok{background:#dff3e4;color:#17572a}.verdict.bad{background:#fbeeee;color:#a4262c}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d9dee5;border-radius:10px;overflow:hidden}
th,td{text-align:left;vertical-align:top;padding:.55rem .7rem;border-bottom:1px solid #e6e9ee}
th{background:#eef1f5;font-size:.85rem}
.status{display:inline-block;border-radius:999px;padding:0 .6rem;font-size:.8rem;font-weight:700;white-space:nowrap}
.proven{background:#dff3e4;color:#17572a}.failing,.not-proven,.not-met{background:#fbeeee;color:#a4262c}.documented,.deployment{background:#fff4d6;color:#6b4e00}.not-applicable{background:#eceff3;color:#5a6473}
.tests{margin:0;padding-left:1.1rem;font-size:.85rem}.tests li{color:#a4262c}.tests .passed{color:#1c2430}
.meta{font-size:.8rem;color:#5a6473}code{font-size:.85em}
`;
