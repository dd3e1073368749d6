/**
 * The explorer's CSS. One hue per role, far apart so they read at a
 * glance: netlink header blue, family header violet, field yellow,
 * attribute header orange, value green, padding grey, unknown or
 * malformed red. Hover outlines, a click selects (thick blue outline), the
 * attribute an ext-ack offset points at gets a red frame.
 */
export const EXPLORER_CSS = `
*{box-sizing:border-box}
body{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;margin:0;color:#1d1d1f;background:#fafafa}
header{padding:.6em 1.2em;background:#263238;color:#fff;display:flex;gap:1.5em;align-items:baseline}
header h1{font-size:1.15em;margin:0}#title{color:#b0bec5}
#input{padding:.6em 1.2em;border-bottom:1px solid #ddd;background:#fff}
#paste{width:100%;height:5.5em;font:inherit;border:1px solid #bbb;border-radius:4px;padding:.4em}
body.drag #paste{outline:3px dashed #1565c0}
.ctl{display:flex;gap:1em;align-items:center;margin-top:.4em;flex-wrap:wrap}
#status{color:#555}#status.bad{color:#b71c1c;font-weight:600}
.legend{margin:.5em 1.2em}.legend span{padding:0 .45em;margin-right:.4em;border-radius:3px;white-space:nowrap}
#layout{display:grid;grid-template-columns:minmax(22em,28em) 1fr;gap:1em;padding:0 1.2em 2em;align-items:start}
#side{position:sticky;top:.5em;max-height:calc(100vh - 1em);overflow:auto;background:#fff;border:1px solid #ddd;border-radius:4px;padding:.5em}
#side h3{font-size:1em;margin:.3em 0}
#list{list-style:none;margin:0;padding:0}
#list li{padding:.15em .4em;border-radius:3px;cursor:pointer;border-left:4px solid #90a4ae;margin-bottom:2px;overflow-wrap:anywhere}
#list li:hover{background:#eceff1}#list li.send{border-left-color:#1565c0}#list li.recv{border-left-color:#2e7d32}
#list li.err{background:#ffebee;border-left-color:#c62828;font-weight:600}
.dir{color:#546e7a;font-size:.9em}.num{color:#78909c}
#inspect table{border-collapse:collapse;width:100%}#inspect td{vertical-align:top;padding:.1em .3em;border-bottom:1px solid #eee;overflow-wrap:anywhere}
#inspect td:first-child{color:#607d8b;white-space:nowrap}
main{min-width:0}
section.dg{background:#fff;border:1px solid #ddd;border-radius:4px;padding:.4em .8em;margin-bottom:1em}
section.dg h2{font-size:1em;margin:.2em 0 .5em;padding-left:.5em;border-left:5px solid #90a4ae}
h2.send{border-left-color:#1565c0!important}h2.recv{border-left-color:#2e7d32!important}
.xack{background:#ffebee;border:1px solid #e57373;border-radius:4px;padding:.3em .6em;color:#b71c1c;font-weight:600}
.xack a{color:#0d47a1;text-decoration:underline;cursor:pointer;margin-left:.5em;font-weight:400}
.pane{display:flex;gap:1.5em;align-items:flex-start}
.hex{white-space:pre;flex:none;position:sticky;top:.5em}.tree{flex:1;min-width:0}
.off{color:#90a4ae}.b{padding:0 .1em;border-radius:2px;cursor:pointer}
.row{white-space:pre-wrap;padding:0 .3em;border-radius:2px;cursor:pointer;margin:1px 0}
.row .n{font-weight:600}.row .k{color:#6d4c41;font-size:.85em;margin-left:.6em}
.msg{border:1px solid #cfd8dc;border-radius:4px;margin:.3em 0;padding:.2em .4em}
.msg.err{border-color:#e57373}
.mhead{font-weight:600;cursor:pointer;padding:.1em 0}.msg.err>.mhead{color:#b71c1c}
.kids{margin-left:1.3em}
.tg{display:inline-block;width:1.1em;color:#455a64;cursor:pointer}
.tg::before{content:"\\25be"}.grp.closed>.row>.tg::before,.grp.closed>.mhead>.tg::before{content:"\\25b8"}
.tg.none::before{content:""}
.grp.closed>.kids{display:none}
.ghead{font-style:italic}
.nlh{background:#bbdefb}.hdr{background:#e1bee7}.fld{background:#fff59d}.att{background:#ffcc80}.val{background:#c8e6c9}.pad{background:#e0e0e0;color:#757575}.unk{background:#ffcdd2}
.hl{outline:2px solid #37474f}
.sel{outline:3px solid #0d47a1;box-shadow:0 0 0 5px rgba(13,71,161,.25)}
.xa{outline:3px solid #c62828}.row.xa::after{content:"  \\2190 the ext-ack offset points here";color:#c62828;font-weight:600}
.flash{animation:flash 1s}@keyframes flash{from{background:#fff176}}
`;
