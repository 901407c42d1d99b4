// Just enough of a browser for app.js to render into: elements, text nodes, attributes, listeners, location, history,
// sessionStorage and a fetch answered from recorded API replies. No dependencies; for the dashboard's node tests only.

export class Node {
  constructor() {
    this.childNodes = [];
    this.parentNode = null;
  }

  append(...children) {
    for (const child of children) {
      const node = typeof child === 'string' ? new Text(child) : child;
      node.parentNode = this;
      this.childNodes.push(node);
    }
  }

  replaceChildren(...children) {
    this.childNodes = [];
    this.append(...children);
  }

  after(node) {
    const siblings = this.parentNode.childNodes;
    node.parentNode = this.parentNode;
    siblings.splice(siblings.indexOf(this) + 1, 0, node);
  }

  get textContent() {
    return this.childNodes.map((c) => c.textContent).join('');
  }

  /** Every element below this one (depth first) matching `test`. */
  findAll(test) {
    const found = [];
    for (const child of this.childNodes) {
      if (child instanceof Element) {
        if (test(child)) {
          found.push(child);
        }
        found.push(...child.findAll(test));
      }
    }
    return found;
  }
}

export class Text extends Node {
  constructor(data) {
    super();
    this.data = data;
  }

  get textContent() {
    return this.data;
  }
}

/** Every element a script called click() on, in order. */
export const clicked = [];

export class Element extends Node {
  constructor(tagName, namespace = null) {
    super();
    this.tagName = tagName;
    this.namespaceURI = namespace;
    this.attributes = new Map();
    this.listeners = {};
    this.disabled = false;
    this._value = undefined;
  }

  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }

  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }

  addEventListener(type, listener) {
    (this.listeners[type] ||= []).push(listener);
  }

  get value() {
    if (this._value !== undefined) {
      return this._value;
    }
    if (this.tagName === 'select') {
      const options = this.findAll((e) => e.tagName === 'option');
      const chosen = options.find((o) => o.attributes.has('selected')) || options[0];
      return chosen ? chosen.getAttribute('value') ?? chosen.textContent : '';
    }
    return this.getAttribute('value') ?? '';
  }

  set value(v) {
    this._value = v;
  }

  /** A click from a script: recorded in `clicked` (the download links the dashboard makes and clicks). */
  click() {
    clicked.push(this);
  }

  /** Fires the element's listeners for `type` with a minimal event; resolves when async listeners settle. */
  async fire(type) {
    const event = { type, target: this, preventDefault() {} };
    await Promise.all((this.listeners[type] || []).map((l) => l(event)));
  }

  /** A readable HTML-like rendering (text escaped), to look at what a page shows. */
  toString() {
    const attrs = [...this.attributes].map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`).join('');
    const inner = this.childNodes
      .map((c) => (c instanceof Text ? c.data.replace(/&/g, '&amp;').replace(/</g, '&lt;') : c.toString()))
      .join('');
    return `<${this.tagName}${attrs}>${inner}</${this.tagName}>`;
  }
}

/**
 * Installs the fake browser globals. `replies` maps "METHOD /path?query" (query optional: a key without one
 * matches any query) to a JSON body, or to {httpStatus, body, delayMs} for another status or a slow answer. Returns the pieces a test drives.
 */
export function install(replies) {
  const elements = { main: new Element('main'), auth: new Element('span') };
  const windowListeners = {};
  const calls = [];
  const storage = new Map();
  const location = { hash: '', pathname: '/dashboard/', search: '' };
  globalThis.Node = Node;
  globalThis.document = {
    baseURI: 'http://127.0.0.1:7070/dashboard/',
    createElement: (tag) => new Element(tag),
    createElementNS: (ns, tag) => new Element(tag, ns),
    createTextNode: (text) => new Text(text),
    getElementById: (id) => elements[id] || null,
  };
  // uPlot's stand-in: records what each chart was given (options, aligned data, the element it draws into).
  const charts = [];
  globalThis.uPlot = class {
    constructor(options, data, target) {
      Object.assign(this, { options, data, target, destroyed: false });
      charts.push(this);
    }

    destroy() {
      this.destroyed = true;
    }
  };
  globalThis.location = location;
  globalThis.history = {
    replaceState(state, title, url) {
      location.hash = url.slice(url.indexOf('#'));
    },
  };
  globalThis.sessionStorage = {
    getItem: (k) => (storage.has(k) ? storage.get(k) : null),
    setItem: (k, v) => storage.set(k, String(v)),
    removeItem: (k) => storage.delete(k),
  };
  globalThis.window = {
    addEventListener: (type, listener) => (windowListeners[type] ||= []).push(listener),
    confirm: () => true,
  };
  globalThis.fetch = async (url, init = {}) => {
    const u = new URL(url);
    const method = init.method || 'GET';
    calls.push({ method, path: u.pathname, search: u.search, headers: init.headers || {}, body: init.body });
    const reply = replies[`${method} ${u.pathname}${u.search}`] ?? replies[`${method} ${u.pathname}`];
    let status = 200;
    let body = reply;
    if (reply === undefined) {
      status = 404;
      body = { title: 'Not found', detail: `no reply recorded for ${method} ${u.pathname}` };
    } else if (reply && reply.httpStatus) {
      ({ httpStatus: status, body } = reply);
      if (reply.delayMs) {
        await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      }
    }
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const headers = new Map(Object.entries(reply && reply.headers ? reply.headers : {}).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      status,
      ok: status >= 200 && status < 300,
      text: async () => text,
      blob: async () => new Blob([text]),
      headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
    };
  };
  return {
    main: elements.main,
    auth: elements.auth,
    calls,
    charts,
    storage,
    location,
    /** Goes to `hash` as a click on a link would, and waits for the page to render. */
    async go(hash) {
      location.hash = hash;
      await Promise.all((windowListeners.hashchange || []).map((l) => l()));
    },
  };
}
