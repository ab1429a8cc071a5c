/*
 * <promise-playground>: the Promise Playground inside any page.
 *
 *   <script src="https://example.org/playground/embed.js" defer></script>
 *
 *   <promise-playground autorun>
 *     v1 race
 *     request 800ms ok 'data'
 *     timeout 500ms err Error('timed out')
 *   </promise-playground>
 *
 * The text inside is the scenario (readers without scripts still see it).
 * Attributes: scenario (instead of the text), preset="id" (a built-in
 * example, when there is no text), autorun, editable, controls="false",
 * theme, speed, view, abort, height (px reserved before loading), sandbox,
 * src (where the playground lives; by default next to this file), title.
 * The frame is created only when the element nears the viewport.
 * Methods: run(), stop(), load(text), setTheme(theme); property: ready.
 * Events (detail = the message): ready, run-started, run-complete, error.
 * el.lastReport holds the last run report.
 */
(function () {
  'use strict';

  var NAME = 'promise-playground';
  if (!window.customElements || customElements.get(NAME)) return;

  // The directory this script was loaded from: the playground itself.
  var me = document.currentScript;
  var DEFAULT_BASE = new URL('.', (me && me.src) || document.baseURI).href;

  // One listener for the whole page; frames are found by their window.
  var byWindow = new WeakMap();
  var listening = false;

  function listen() {
    if (listening) return;
    listening = true;
    window.addEventListener('message', function (event) {
      var el = event.source && byWindow.get(event.source);
      var data = event.data;
      if (!el || !data || typeof data !== 'object') return;
      if (data.source !== NAME || typeof data.type !== 'string') return;
      if (event.origin !== (el._sandboxed ? 'null' : el._origin)) return;
      el._receive(data);
    });
  }

  function resolveBase(src) {
    var url = new URL(src, document.baseURI);
    url.hash = '';
    // "/playground" is a directory; "/playground/index.html" is not.
    if (!/\/$/.test(url.pathname) && !/\.[a-z0-9]+$/i.test(url.pathname)) {
      url.pathname += '/';
    }
    return url.href;
  }

  // Several lines become one, with ";" between tasks.
  function collapse(text) {
    return String(text || '')
      .trim()
      .split(/\r?\n/)
      .map(function (line) { return line.trim(); })
      .filter(Boolean)
      .join(';');
  }

  function countTasks(scenario) {
    if (!scenario) return 3;
    var parts = scenario.split(';').filter(function (p) { return p.trim(); });
    return Math.max(0, parts.length - (/^v\d+\b/.test(parts[0]) ? 1 : 0));
  }

  // Styles go through the CSSOM only, which a strict CSP allows.
  function make(tag, styles, text) {
    var node = document.createElement(tag);
    for (var key in styles) node.style[key] = styles[key];
    if (text) node.textContent = text;
    return node;
  }

  class PromisePlayground extends HTMLElement {
    static get observedAttributes() { return ['theme']; }

    constructor() {
      super();
      this.lastReport = null;
      this._ready = false;
      this._queue = [];
      this._frame = null;
      this._observer = null;
      if (!this.shadowRoot) this.attachShadow({ mode: 'open' });
    }

    get ready() { return this._ready; }

    connectedCallback() {
      var self = this;
      // Before the document is parsed, the text inside may not be there yet.
      if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', function () {
          if (self.isConnected) self.connectedCallback();
        }, { once: true });
        return;
      }
      if (this._frame) {
        // Moved in the page: the frame reloads, in a new window.
        byWindow.set(this._frame.contentWindow, this);
        return;
      }
      if (this._observer) return;
      if (getComputedStyle(this).display === 'inline') this.style.display = 'block';
      this._prepare();

      if (!('IntersectionObserver' in window)) return this._create();
      this._observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) self._create();
      }, { rootMargin: '300px 0px' });
      this._observer.observe(this);
    }

    disconnectedCallback() {
      this._unobserve();
      // A frame taken out of the page is gone; messages wait for the next one.
      this._ready = false;
    }

    attributeChangedCallback(name, old, value) {
      if (name !== 'theme' || !value || value === old) return;
      if (this._frame) this.setTheme(value);
      // Not loaded yet: build the frame's address again, with the new theme.
      else if (this._url) this._prepare();
    }

    run() { this._send({ type: 'run' }); }
    stop() { this._send({ type: 'stop' }); }
    load(text) { this._send({ type: 'load', scenario: String(text) }); }
    setTheme(theme) { this._send({ type: 'set-theme', theme: theme }); }

    // Reads the attributes once and shows the placeholder.
    _prepare() {
      var scenario = collapse(this.hasAttribute('scenario')
        ? this.getAttribute('scenario') : this.textContent);
      var preset = this.getAttribute('preset');
      // Options of the embedded layout only, then those any link may have.
      var embedOpts = ['embed'];
      if (this.hasAttribute('autorun')) embedOpts.push('autorun');
      if (this.hasAttribute('editable')) embedOpts.push('editable');
      var controls = this.getAttribute('controls');
      if (controls === 'false' || controls === '0') embedOpts.push('controls=0');
      var opts = [];
      var add = function (key, value) { opts.push(key + '=' + encodeURIComponent(value)); };
      ['theme', 'speed', 'view'].forEach(function (key) {
        if (this.hasAttribute(key)) add(key, this.getAttribute(key));
      }, this);
      var abort = this.getAttribute('abort');
      if (abort !== null && abort !== 'false' && abort !== '0') opts.push('abort=1');
      if (preset && !scenario) add('preset', preset);
      if (scenario) add('s', scenario);

      var base = this.hasAttribute('src') ? resolveBase(this.getAttribute('src')) : DEFAULT_BASE;
      this._sandboxed = this.hasAttribute('sandbox');
      this._origin = new URL(base).origin;
      this._url = base + '#' + embedOpts.concat(opts).join('&');
      // For a new tab: the full playground, so none of the embed's flags.
      this._openUrl = base + (opts.length ? '#' + opts.join('&') : '');

      var wanted = parseFloat(this.getAttribute('height'));
      this._height = wanted > 0 ? wanted : estimateHeight(countTasks(scenario), this.getBoundingClientRect().width);

      var box = make('div', {
        boxSizing: 'border-box',
        height: this._height + 'px',
        overflow: 'hidden',
        padding: '12px 16px',
        border: '1px dashed rgba(128, 128, 128, 0.6)',
        borderRadius: '8px',
        font: '14px/1.5 system-ui, sans-serif',
      });
      box.appendChild(make('p', { margin: '0 0 8px', opacity: '0.75' },
        'The playground loads here\u2026'));
      var text = make('div', {
        whiteSpace: 'pre-line',
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      });
      text.appendChild(document.createElement('slot'));
      box.appendChild(text);
      this.shadowRoot.replaceChildren(box);
    }

    _create() {
      this._unobserve();
      if (this._frame) return;
      var frame = make('iframe', {
        display: 'block',
        width: '100%',
        height: this._height + 'px',
        border: '0',
        borderRadius: '8px',
      });
      frame.title = this.getAttribute('title') || this.getAttribute('aria-label') || 'Promise playground';
      frame.setAttribute('allow', 'clipboard-write');
      if (this._sandboxed) {
        frame.setAttribute('sandbox', 'allow-scripts allow-popups allow-popups-to-escape-sandbox');
      }
      frame.src = this._url;
      this._frame = frame;
      this.shadowRoot.replaceChildren(frame);
      listen();
      byWindow.set(frame.contentWindow, this);

      // Never leave a reader with an empty box.
      var self = this;
      this._timer = setTimeout(function () {
        if (self._ready) return;
        var note = make('p', { margin: '6px 0 0', fontSize: '0.875em' });
        var link = make('a', {}, 'Open the playground in a new tab');
        link.href = self._openUrl;
        link.target = '_blank';
        link.rel = 'noopener';
        note.appendChild(link);
        self._fallback = note;
        self.shadowRoot.appendChild(note);
      }, 20000);
    }

    _unobserve() {
      if (this._observer) this._observer.disconnect();
      this._observer = null;
    }

    _send(message) {
      if (!this._ready) {
        this._queue.push(message);
        return;
      }
      var target = this._sandboxed || this._origin === 'null' ? '*' : this._origin;
      this._frame.contentWindow.postMessage(message, target);
    }

    _receive(data) {
      if (data.type === 'resize') {
        var h = data.height;
        if (typeof h !== 'number' || !isFinite(h)) return;
        h = Math.min(4000, Math.max(120, Math.ceil(h)));
        if (h !== this._height) {
          this._height = h;
          this._frame.style.height = h + 'px';
        }
        return;
      }
      if (data.type === 'ready') {
        this._ready = true;
        clearTimeout(this._timer);
        if (this._fallback) this._fallback.remove();
        var queued = this._queue.splice(0);
        for (var i = 0; i < queued.length; i++) this._send(queued[i]);
      } else if (data.type === 'run-complete') {
        this.lastReport = data.report;
      } else if (data.type !== 'run-started' && data.type !== 'error') {
        return;
      }
      this.dispatchEvent(new CustomEvent(data.type, { detail: data, bubbles: false }));
    }
  }

  // The height an embed of `tasks` tasks will likely fit, before it says:
  // the playground's compact layout puts the tasks beside the result from
  // 600 px up, and under it below that (the Rust side uses the same sums).
  function estimateHeight(tasks, width) {
    var wide = !(width > 0) || width >= 600;
    var guess = wide ? 170 + 90 * tasks : 300 + 120 * tasks;
    return Math.min(wide ? 720 : 1000, Math.max(260, guess));
  }

  customElements.define(NAME, PromisePlayground);
})();
