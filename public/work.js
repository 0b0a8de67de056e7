// The page's helper thread (src/ui/work.rs). The page sends [glue, wasm, request]: the
// addresses of its own module files and an io::work request. This loads that module once
// (its start function sees no window and mounts nothing) and answers each request with
// its exported throughline_work, or with {"error": …} when the module cannot load or the
// work stops on an internal error.
let app = null;
self.onmessage = function (event) {
  const [glue, wasm, request] = event.data;
  app = app || import(glue).then(function (m) {
    return m.default({ module_or_path: wasm }).then(function () { return m; });
  });
  app.then(function (m) {
    self.postMessage(m.throughline_work(request));
  }).catch(function (error) {
    self.postMessage(JSON.stringify({ error: String(error) }));
  });
};
