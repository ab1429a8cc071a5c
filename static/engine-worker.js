// Runs the playground's engine in a worker of its own, so that the page's
// drawing never makes a task's timer late (see src/engine/worker.rs).
//
// The page sends the app's module and wasm first; this loads them (the
// same files the page has, from the browser's cache) and hands over to the
// engine, which answers every later message. A module worker, no inline
// code and no eval: a strict Content-Security-Policy allows it. When
// anything here fails the page is told, and runs the engine itself.
let loading = null;

self.addEventListener('message', (event) => {
  const data = event.data;
  if (loading || !data || data.type !== 'load') return;
  loading = import(data.js)
    .then((app) => app.default({ module_or_path: data.wasm }).then(() => app.engineWorker()))
    .catch((error) => {
      const message = error && error.message ? error.message : String(error);
      self.postMessage({ type: 'failed', message });
    });
});
