/*
 * The documentation page's own behaviour: the theme switch in the header,
 * which also tells every embedded playground, and the buttons that drive the
 * "await in a loop" demo. The embeds themselves come from ../embed.js.
 */
(function () {
  'use strict';

  var root = document.documentElement;
  var themeButtons = Array.prototype.slice.call(document.querySelectorAll('[data-theme-choice]'));
  var chosenTheme = null;

  // Plain iframes on this page that show the playground (elements keep
  // their frames in their own shadow roots, so they are not found here).
  function plainFrames() {
    return Array.prototype.slice.call(document.querySelectorAll('iframe'));
  }

  function tellFrame(frame, theme) {
    if (frame.contentWindow) {
      frame.contentWindow.postMessage({ type: 'set-theme', theme: theme }, '*');
    }
  }

  function applyTheme(theme) {
    chosenTheme = theme;
    root.setAttribute('data-theme', theme);
    themeButtons.forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-theme-choice') === theme));
    });
    document.querySelectorAll('promise-playground').forEach(function (el) {
      if (typeof el.setTheme === 'function') el.setTheme(theme);
    });
    plainFrames().forEach(function (frame) { tellFrame(frame, theme); });
  }

  themeButtons.forEach(function (button) {
    button.addEventListener('click', function () {
      applyTheme(button.getAttribute('data-theme-choice'));
    });
  });

  // A plain iframe that loads after a theme was chosen hears about it as
  // soon as it says it is ready.
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!chosenTheme || !data || typeof data !== 'object') return;
    if (data.source !== 'promise-playground' || data.type !== 'ready') return;
    plainFrames().forEach(function (frame) {
      if (frame.contentWindow === event.source) tellFrame(frame, chosenTheme);
    });
  });

  // The loop demo: the same three independent tasks, awaited one after
  // another or all at once.
  var TASKS = [
    "login 200ms ok 'token'",
    "profile 300ms ok {name: 'Ada'}",
    "avatar 250ms ok 'ada.png'",
  ].join('\n');

  var NAMES = {
    all: 'Promise.all',
    allSettled: 'Promise.allSettled',
    race: 'Promise.race',
    any: 'Promise.any',
    sequential: 'The await loop',
    'parallel-await': 'The start-then-await loop',
  };

  function describe(report) {
    var result = report && report.result;
    if (!result) return 'The run ended without a result';
    var name = NAMES[report.combinator] || String(report.combinator);
    if (result.status === 'pending') return name + ' had not settled when the run ended';
    return name + ' ' + result.status + ' after ' + Math.round(result.at_ms) + ' ms';
  }

  function wireLoopDemo() {
    var el = document.getElementById('embed-loop');
    var output = document.getElementById('loop-result');
    if (!el || !output || typeof el.load !== 'function') return;

    function on(id, action) {
      var button = document.getElementById(id);
      if (button) button.addEventListener('click', action);
    }

    on('load-sequential', function () {
      el.load('v1 sequential\n' + TASKS);
      output.textContent = 'Loaded the await loop: press Run';
    });
    on('load-parallel', function () {
      el.load('v1 all\n' + TASKS);
      output.textContent = 'Loaded Promise.all: press Run';
    });
    on('drive-run', function () { el.run(); });
    on('drive-stop', function () { el.stop(); });

    el.addEventListener('run-started', function () {
      output.textContent = 'Running\u2026';
    });
    el.addEventListener('run-complete', function (event) {
      output.textContent = describe(event.detail && event.detail.report);
    });
    el.addEventListener('error', function (event) {
      var message = event.detail && event.detail.message;
      output.textContent = 'The playground could not do that' + (message ? ': ' + message : '');
    });
  }

  if (window.customElements) {
    customElements.whenDefined('promise-playground').then(wireLoopDemo);
  }
})();
