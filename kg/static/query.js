// The SPARQL editor: YASGUI against kg's read-only /sparql, one tab per named query.
"use strict";
(function () {
  const tabs = JSON.parse(document.getElementById("named-queries").textContent);
  const endpoint = window.location.origin + "/sparql";
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    autoAddOnInit: false,
    populateFromUrl: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    yasqe: { autocompleters: ["variables"] },
  });
  const active = tabs.some(t => t.name === "who-met-whom") ? "who-met-whom" : (tabs[0] || {}).name;
  for (const tab of tabs) {
    yasgui.addTab(tab.name === active, Object.assign({}, Yasgui.Tab.getDefaults(), {
      name: tab.name,
      yasqe: { value: tab.query },
      requestConfig: Object.assign({}, Yasgui.Tab.getDefaults().requestConfig, { endpoint: endpoint, method: "POST" }),
    }));
  }
  window.kgYasgui = yasgui;
  window.kgReady = true;
})();
