// A Carrel collection as pages use it: `search` and `render` return promises, because a
// large collection's index travels in packs (dictionaries, postings, documents and the facet
// table cut into files under packs/<tag>/) fetched the first time a query needs them. The module answers
// `{ missing: [...] }` until it has them; this class fetches those packs — each once,
// shared by concurrent queries — hands them over and asks again. A collection carried
// whole in its module answers at once.
//
// carrel.js (module pages) and offline-loader.js (the single-file page, where this file
// is inlined with its export line removed) both wrap the module's Collection in it.

/**
 * Rounds of fetching per question: dictionaries (a misspelt word's neighbours after the
 * word), postings, documents; with feedback (long questions) its documents, dictionaries
 * and postings.
 */
const MAX_ROUNDS = 10;

/** What the page searches in the module's warm-up index (src/site/warm_up.rs). */
const WARM_UP_QUERY = 'talks agenda';

class CarrelCollection {
  #core;
  #packBase;
  #loading = new Map();
  #openWarmUp;

  /**
   * `core` is the module's Collection; `moduleUrl` where carrel.wasm came from (packs
   * are looked up beside it), or null when there is nowhere to fetch from; `openWarmUp`,
   * if given, opens the module's warm-up index as a Collection (see warmUp).
   */
  constructor(core, moduleUrl, openWarmUp = null) {
    this.#core = core;
    const directory = core.pack_directory();
    this.#packBase = directory && moduleUrl ? new URL(`${directory}/`, moduleUrl) : null;
    this.#openWarmUp = openWarmUp;
    if (openWarmUp) whenIdle(() => this.warmUp());
  }

  /**
   * Searches the module's small warm-up index and opens a document in it, once. The
   * browser compiles a module's functions on their first call, so this moves most of that
   * work out of the reader's first search: the collection runs it as soon as the page is
   * idle. Fetches nothing; returns whether it ran.
   */
  warmUp() {
    const open = this.#openWarmUp;
    if (!open) return false;
    this.#openWarmUp = null;
    const start = performance.now();
    let warm;
    try {
      warm = open();
      const results = warm.search(WARM_UP_QUERY, { limit: 10 });
      warm.render(results.hits[0].id, WARM_UP_QUERY);
    } catch (error) {
      console.warn(`Carrel: warming up the search module failed (searches are not affected): ${error?.message ?? error}`);
    } finally {
      warm?.free();
    }
    // In the browser's performance timeline, for whoever profiles the page.
    performance.measure?.('carrel: warm-up', { start });
    return true;
  }

  /** Collection name, document count and format version. */
  info() {
    return this.#core.info();
  }

  /** False while counting facets would first fetch the facet table (see carrel.d.ts). */
  facetsReady() {
    return this.#core.facets_ready();
  }

  /** Searches; resolves to the results (see carrel.d.ts), rejects with the reason. */
  search(query, options) {
    return this.#answer(() => this.#core.search(query, options));
  }

  /** The document `id` as safe HTML with its fields and citation, `query`'s matches marked. */
  render(id, query) {
    return this.#answer(() => this.#core.render(id, query));
  }

  async #answer(ask) {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const answer = ask();
      if (!answer || !Array.isArray(answer.missing)) return answer;
      await Promise.all(answer.missing.map((name) => this.#load(name)));
    }
    throw new Error('the index kept asking for more of its parts; reload the page');
  }

  #load(name) {
    let loading = this.#loading.get(name);
    if (!loading) {
      loading = this.#fetchPack(name).catch((error) => {
        this.#loading.delete(name); // a later question may try again
        throw error;
      });
      this.#loading.set(name, loading);
    }
    return loading;
  }

  async #fetchPack(name) {
    if (!this.#packBase) throw new Error(`part ${name} of the index is not in this page and cannot be fetched`);
    const url = new URL(`${name}.bin`, this.#packBase);
    let response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new Error(`could not load part ${name} of the index (${url}): the network request failed`);
    }
    if (!response.ok) {
      throw new Error(`could not load part ${name} of the index (${url}): ${response.status} ${response.statusText}`.trim());
    }
    this.#core.add_pack(name, new Uint8Array(await response.arrayBuffer()));
  }
}

/**
 * What opens the warm-up index `module` carries (its `carrel-warm-up` section) as a
 * `Collection` of its bindings, for CarrelCollection's warmUp; null when it carries none.
 */
function warmUpOpener(module, Collection) {
  const [section] = WebAssembly.Module.customSections(module, 'carrel-warm-up');
  return section ? () => new Collection(new Uint8Array(section)) : null;
}

/** Runs `task` when the page is next idle (soon, where browsers cannot say). */
function whenIdle(task) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2000 });
  else setTimeout(task, 100);
}

export { CarrelCollection, WARM_UP_QUERY, warmUpOpener };
