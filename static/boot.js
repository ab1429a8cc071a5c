// Starts the playground, and says so in words when it cannot.
//
// A classic script on purpose: a module script or a wasm file that the
// browser refuses (a sandboxed frame whose host sends no CORS header, an
// old browser, a blocked download) would otherwise leave a blank page. This
// script still runs in those cases, loads the app's module with a dynamic
// import, and reveals the static #fatal banner with the reason when any
// step fails. No inline code anywhere, so a strict Content-Security-Policy
// (script-src 'self' 'wasm-unsafe-eval') allows it.
//
// The build writes the tag that loads this file, with the app's module
// and wasm as data attributes, both relative to the page: the same dist/
// works from a domain's root and from any sub-path.
(function () {
  'use strict';
  var me = document.currentScript;

  function reveal(detail) {
    var banner = document.getElementById('fatal');
    var text = document.getElementById('fatal-detail');
    if (text) text.textContent = detail;
    if (banner) banner.hidden = false;
    var loading = document.getElementById('loading');
    if (loading) loading.hidden = true;
  }

  var reload = document.getElementById('fatal-reload');
  if (reload) reload.addEventListener('click', function () { location.reload(); });

  if (typeof WebAssembly !== 'object' || !me) {
    reveal('This browser cannot run WebAssembly, which the playground needs.');
    return;
  }
  var base = document.baseURI;
  var js = new URL(me.getAttribute('data-js'), base).href;
  var wasm = new URL(me.getAttribute('data-wasm'), base).href;

  import(js)
    .then(function (app) { return app.default({ module_or_path: wasm }); })
    .then(function () {
      var loading = document.getElementById('loading');
      if (loading) loading.remove();
    })
    .catch(function (error) {
      var framed = window.parent !== window;
      var why = error && error.message ? error.message : String(error);
      reveal(
        'Its code could not be loaded (' + why + '). ' +
        (framed
          ? 'In a sandboxed frame the site must send Access-Control-Allow-Origin on the playground\'s files.'
          : 'Check the connection and reload.')
      );
    });
})();
