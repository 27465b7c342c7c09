// The actor and timeline pages: the ego network (vis-network) and events per month by type (Chart.js).
// The data are JSON blocks in the page; every text is drawn as text.
"use strict";
(function () {
  const read = id => { const el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; };
  const ego = read("ego-data");
  if (ego && window.vis) {
    const data = { nodes: new vis.DataSet(ego.nodes), edges: new vis.DataSet(ego.edges) };
    const network = new vis.Network(document.getElementById("ego"), data, ego.options);
    network.on("click", params => {
      if (params.nodes.length) {
        const node = ego.nodes.find(n => n.id === params.nodes[0]);
        if (node && node.slug) window.location.assign("/actor/" + encodeURIComponent(node.slug));
      }
    });
    window.kgEgo = network;
  }
  const chart = read("timeline-data");
  if (chart && window.Chart) {
    const colours = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
    window.kgChart = new Chart(document.getElementById("timeline-chart"), {
      type: "bar",
      data: {
        labels: chart.months,
        datasets: chart.series.map((s, i) => ({ label: s.type, data: s.counts, backgroundColor: colours[i % colours.length] })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }
  window.kgReady = true;
})();
