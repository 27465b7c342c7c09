// The actor network page: filters, search, the isolated-actors toggle, downloads and clicks.
// network.html inlines it after the DATA constant; `kg serve` loads it as /static/network.js and
// fetches the data from the URL in <body data-src>. Every text from articles is set as text, never as HTML.
"use strict";
function kgNetworkPage(DATA) {
  const allNodes = new vis.DataSet(DATA.nodes);
  const allEdges = new vis.DataSet(DATA.edges);
  const byId = id => document.getElementById(id);
  const state = {
    type: "", article: "", date: "", from: "", to: "", actorType: "", quad: "", search: "",
    isolated: Boolean(DATA.showIsolated),
  };
  function edgeVisible(e) {
    if (state.type && e.eventType !== state.type) return false;
    if (state.quad && e.quad !== state.quad) return false;
    if (state.article && !(e.articles || []).includes(state.article)) return false;
    if (state.date && !(e.dates || []).includes(state.date)) return false;
    if (state.from || state.to) {
      const inRange = (e.dates || []).some(d => !d.startsWith("--") && (!state.from || d >= state.from) && (!state.to || d <= state.to));
      if (!inRange) return false;
    }
    if (state.actorType) {
      const a = allNodes.get(e.from), b = allNodes.get(e.to);
      if (!a || !b || a.type !== state.actorType || b.type !== state.actorType) return false;
    }
    return true;
  }
  const edgeView = new vis.DataView(allEdges, { filter: edgeVisible });
  let edgeEnds = null;  // ids of the actors touched by a visible edge, while an edge filter is on
  function edgeFilterOn() {
    return Boolean(state.type || state.article || state.date || state.from || state.to || state.quad || state.actorType);
  }
  function nodeVisible(n) {
    if (state.search && !(n.names || [n.label]).some(name => String(name).toLowerCase().includes(state.search))) {
      return false;
    }
    if (state.actorType && n.type !== state.actorType) return false;
    if (n.isolated && !state.isolated && !state.search) return false;
    return edgeEnds === null || edgeEnds.has(n.id);
  }
  const nodeView = new vis.DataView(allNodes, { filter: nodeVisible });
  const network = new vis.Network(byId("network"), { nodes: nodeView, edges: edgeView }, DATA.options);
  window.kgNetwork = network;
  function ready() {
    if (!window.kgReady) { window.kgReadyMs = performance.now(); window.kgReady = true; }
  }
  network.once("stabilized", ready);
  network.once("afterDrawing", () => { if (!DATA.options.physics.enabled) ready(); });
  function text(el, value) { el.textContent = value; return el; }
  function fill(select, values) {
    for (const v of [...new Set(values)].sort()) {
      const o = document.createElement("option"); o.value = v; text(o, v); select.appendChild(o);
    }
  }
  fill(byId("type-filter"), DATA.edges.map(e => e.eventType));
  fill(byId("article-filter"), DATA.edges.flatMap(e => e.articles || []));
  fill(byId("date-filter"), DATA.edges.flatMap(e => e.dates || []));
  fill(byId("actor-type-filter"), DATA.nodes.map(n => n.type).filter(Boolean));
  fill(byId("quad-filter"), DATA.edges.map(e => e.quad).filter(Boolean));
  function legend(id, items) {
    const box = byId(id);
    for (const item of items) {
      const row = document.createElement("div");
      const sw = document.createElement("span"); sw.className = "swatch"; sw.style.background = item.colour;
      row.appendChild(sw); row.appendChild(document.createTextNode(item.name)); box.appendChild(row);
    }
  }
  legend("legend-types", DATA.types);
  legend("legend-quads", DATA.quads);
  const toggle = byId("show-isolated");
  toggle.checked = state.isolated;
  text(byId("isolated-count"), String(DATA.isolated || 0));
  function downloadQuery() {
    const params = new URLSearchParams();
    const keys = { type: "type", article: "article", date: "date", from: "from", to: "to", actorType: "actor_type", quad: "quad", search: "q" };
    for (const [key, name] of Object.entries(keys)) { if (state[key]) params.set(name, state[key]); }
    if (state.isolated) params.set("isolated", "1");
    return params.toString();
  }
  function refresh() {
    edgeView.refresh();
    if (edgeFilterOn()) {
      edgeEnds = new Set();
      edgeView.forEach(e => { edgeEnds.add(e.from); edgeEnds.add(e.to); });
    } else {
      edgeEnds = null;
    }
    nodeView.refresh();
    text(byId("counts"), nodeView.length + " actors, " + edgeView.length + " edges shown");
    for (const link of document.querySelectorAll("a[data-download]")) {
      const query = downloadQuery();
      link.href = link.dataset.download + (query ? "?" + query : "");
    }
  }
  const watch = (id, key, event) => byId(id).addEventListener(event || "change", e => { state[key] = e.target.value; refresh(); });
  watch("type-filter", "type");
  watch("article-filter", "article");
  watch("date-filter", "date");
  watch("date-from", "from");
  watch("date-to", "to");
  watch("actor-type-filter", "actorType");
  watch("quad-filter", "quad");
  byId("search").addEventListener("input", e => { state.search = e.target.value.trim().toLowerCase(); refresh(); });
  toggle.addEventListener("change", e => { state.isolated = e.target.checked; refresh(); });
  network.on("click", params => {
    const box = byId("details");
    if (params.nodes.length) {
      const node = allNodes.get(params.nodes[0]);
      if (DATA.links && node.slug) { window.location.assign("/actor/" + encodeURIComponent(node.slug)); return; }
      text(box, node.title || "");
    } else if (params.edges.length) { text(box, allEdges.get(params.edges[0]).title || ""); }
    else { text(box, ""); }
  });
  refresh();
}
if (typeof DATA !== "undefined") {
  kgNetworkPage(DATA);
} else {
  window.kgReady = false;
  fetch(document.body.dataset.src, { headers: { Accept: "application/json" } })
    .then(answer => { if (!answer.ok) throw new Error("the network data did not load: " + answer.status); return answer.json(); })
    .then(kgNetworkPage)
    .catch(error => { document.getElementById("counts").textContent = String(error); });
}
