// The builder page: a folder in (chosen or dropped), a site out — built in a worker by the
// builder module the page carries, tried at once in an iframe, downloaded as the offline
// page or as a .zip. Everything happens in this browser; nothing is sent anywhere.
//
// File names and report lines are text from the documents' folder: they are only ever set
// as textContent, never as markup.

/**
 * The most memory a build here may expect to need (bytes). The builder module could address
 * 3 GiB, but the tab also holds the chosen files, the site it made and the .zip it writes;
 * browsers stop tabs well before that on many computers.
 */
const PAGE_MEMORY_LIMIT = 2 * 1024 * 1024 * 1024;

const $ = (id) => document.getElementById(id);

/** What the page carries: the builder module and its own skeleton, both in base64. */
function carried() {
  const wasm = $('carrel-builder-wasm');
  const skeleton = $('carrel-studio-skeleton');
  const worker = $('carrel-studio-worker');
  if (!wasm || !skeleton || !worker) throw new Error('this page is incomplete: it lacks the builder it carries');
  return { wasm: wasm.textContent, skeleton: skeleton.textContent, worker: worker.textContent };
}

/** This page's own bytes, made again from its parts: what every site carries as studio.html. */
function carrelStudioPage() {
  const { wasm, skeleton } = carried();
  return studioPage(new TextDecoder().decode(fromBase64(skeleton)), fromBase64(wasm));
}
window.carrelStudioPage = carrelStudioPage;

let compiled;
function builderModule() {
  compiled ??= WebAssembly.compile(fromBase64(carried().wasm));
  return compiled;
}

/** The chosen collection: `{ folder, files: [{ path, file }] }` (a hidden folder as `name/`, not walked). */
let chosen = null;
/** The last site built, and the object URLs made for it. */
let built = null;
let urls = [];

function setStatus(text) {
  $('status').textContent = text;
}

function showError(text) {
  $('error').textContent = text;
  $('error').hidden = !text;
}

const count = (n, one, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * The collection from paths relative to the chosen folder: files inside hidden folders are
 * left out and the folder listed once (as the carrel command lists it, without walking it).
 */
function collection(folder, entries) {
  const files = [];
  const hidden = new Set();
  for (const { path, file } of entries) {
    const parts = path.split('/');
    const at = parts.slice(0, -1).findIndex((part) => part.startsWith('.'));
    if (at >= 0) {
      const dir = `${parts.slice(0, at + 1).join('/')}/`;
      if (!hidden.has(dir)) files.push({ path: dir, file: null });
      hidden.add(dir);
    } else {
      files.push({ path, file });
    }
  }
  return { folder, files };
}

function choose(folder, entries) {
  chosen = collection(folder, entries);
  const documents = chosen.files.filter((f) => f.file);
  const bytes = documents.reduce((sum, f) => sum + f.file.size, 0);
  const where = folder ? ` in ${folder}` : '';
  setStatus(`${count(documents.length, 'file')}${where} chosen (${(bytes / 1e6).toFixed(1)} MB). Press "Build the site".`);
  showError('');
  $('build-button').disabled = chosen.files.length === 0;
}

function onFolderChosen() {
  const list = [...$('folder-input').files];
  if (!list.length) return;
  const first = (list[0].webkitRelativePath || list[0].name).split('/');
  const folder = first.length > 1 ? first[0] : '';
  choose(folder, list.map((file) => {
    const parts = (file.webkitRelativePath || file.name).split('/');
    return { path: (folder ? parts.slice(1) : parts).join('/'), file };
  }));
}

/** Every file under a dropped entry, with its path below `prefix`. */
async function walkEntry(entry, prefix, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    out.push({ path: prefix + entry.name, file });
    return;
  }
  const reader = entry.createReader();
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    for (const child of batch) await walkEntry(child, `${prefix}${entry.name}/`, out);
  }
}

async function onDrop(event) {
  event.preventDefault();
  $('drop-zone').classList.remove('dragging');
  const entries = [...event.dataTransfer.items].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
  try {
    if (entries.length === 1 && entries[0].isDirectory) {
      const out = [];
      await walkEntry(entries[0], '', out);
      const strip = `${entries[0].name}/`;
      choose(entries[0].name, out.map(({ path, file }) => ({ path: path.slice(strip.length), file })));
    } else if (entries.length) {
      const out = [];
      for (const entry of entries) await walkEntry(entry, '', out);
      choose('', out);
    } else {
      choose('', [...event.dataTransfer.files].map((file) => ({ path: file.name, file })));
    }
  } catch (error) {
    showError(`The dropped files could not be read: ${error.message}`);
  }
}

function clearList(id) {
  const list = $(id);
  while (list.firstChild) list.firstChild.remove();
  return list;
}

function addItem(list, path, reason) {
  const item = document.createElement('li');
  const name = document.createElement('code');
  name.className = 'file-name';
  name.textContent = path;
  item.append(name);
  if (reason) {
    const why = document.createElement('span');
    why.className = 'file-reason';
    why.textContent = reason;
    item.append(' — ', why);
  }
  list.append(item);
}

/** The file a message names (the longest chosen path it starts with), and the rest. */
function splitByPath(text, paths) {
  let best = '';
  for (const path of paths) if (path.length > best.length && text.startsWith(`${path}:`)) best = path;
  if (!best) return null;
  const rest = text.slice(best.length + 1);
  const line = rest.match(/^(\d+): /);
  return { path: best, reason: line ? `line ${line[1]}: ${rest.slice(line[0].length)}` : rest.trim() };
}

/**
 * The per-file report: what was read, ignored and refused, and why. `site` is a finished
 * build's result (its `read`, `ignored` and `skipped` lists); after a build that stopped,
 * `read` is what was read before it and `error` names the file that stopped it.
 */
function showReport({ site, read, lines, error }) {
  const ignored = site ? site.ignored : [];
  const refused = site
    ? site.skipped.map((s) => ({ path: s.path, reason: s.line ? `line ${s.line}: ${s.reason}` : s.reason }))
    : [];
  if (error) {
    const paths = chosen.files.map((f) => (chosen.folder ? `${chosen.folder}/${f.path}` : f.path));
    const found = splitByPath(error, paths);
    if (found) refused.push(found);
  }
  const refusedPaths = new Set(refused.map((r) => r.path));
  const readOk = (site ? site.read : read).filter((path) => !refusedPaths.has(path));
  const ignoredList = clearList('ignored-list');
  for (const entry of ignored) addItem(ignoredList, entry.path, entry.reason);
  const refusedList = clearList('refused-list');
  for (const entry of refused) addItem(refusedList, entry.path, entry.reason);
  const readList = clearList('read-list');
  for (const path of readOk) addItem(readList, path);
  $('ignored-section').hidden = ignored.length === 0;
  $('refused-section').hidden = refused.length === 0;
  $('read-section').hidden = readOk.length === 0;
  $('read-summary').textContent = `Read (${readOk.length.toLocaleString('en')})`;
  $('report-counts').textContent = `${count(readOk.length, 'file')} read, ${count(ignored.length, 'file')} ignored, `
    + `${count(refused.length, 'file')} refused.`;
  $('report-lines').textContent = (site ? site.report : lines).join('\n');
  $('report').hidden = false;
}

function revokeUrls() {
  for (const url of urls) URL.revokeObjectURL(url);
  urls = [];
}

function objectUrl(parts, type) {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  urls.push(url);
  return url;
}

function download(url, name) {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}

async function variantsOption() {
  const file = $('variants-input').files[0];
  return file ? [{ name: file.name, text: await file.text() }] : [];
}

async function startBuild() {
  if (!chosen) return;
  $('build-button').disabled = true;
  showError('');
  $('result').hidden = true;
  $('report').hidden = true;
  revokeUrls();
  built = null;
  const progress = $('progress');
  progress.hidden = false;
  progress.removeAttribute('value');
  setStatus('Starting the builder…');
  const read = [];
  const lines = [];
  let worker;
  const started = performance.now();
  try {
    const options = { keepGoing: $('keep-going').checked, variants: await variantsOption() };
    const name = $('name-input').value.trim();
    if (name) options.name = name;
    const lang = $('lang-input').value.trim();
    if (lang) options.lang = lang;
    const module = await builderModule();
    const studio = carrelStudioPage();
    const workerUrl = objectUrl([carried().worker], 'text/javascript');
    worker = new Worker(workerUrl);
    let lastShown = 0;
    const result = await new Promise((resolve, reject) => {
      worker.onerror = (event) => reject(new Error(event.message || 'the builder stopped'));
      worker.onmessage = ({ data }) => {
        if (data.progress) {
          const { phase, done, total, path } = data.progress;
          if (path) read.push(path);
          if (phase === 'indexing') {
            progress.removeAttribute('value');
            setStatus(`Read ${count(done, 'file')}; building the index…`);
          } else {
            progress.max = Math.max(total, 1);
            progress.value = done;
            // The status line (a live region) once a second: a screen reader is not flooded.
            if (performance.now() - lastShown > 1000 || done === total) {
              lastShown = performance.now();
              const doing = phase === 'loading' ? 'Loading' : 'Reading';
              setStatus(`${doing} file ${done.toLocaleString('en')} of ${total.toLocaleString('en')}…`);
            }
          }
        } else if (data.line !== undefined) {
          lines.push(data.line);
        } else if (data.refused) {
          reject(Object.assign(new Error(data.refused), { refused: true }));
        } else if (data.failed) {
          reject(new Error(data.failed));
        } else if (data.site) {
          resolve(data.site);
        }
      };
      worker.postMessage({ files: chosen.files, folder: chosen.folder, options, module, studio, memoryLimit: PAGE_MEMORY_LIMIT }, [studio.buffer]);
    });
    const seconds = (performance.now() - started) / 1e3;
    built = { files: result.files, name: options.name ?? chosen.folder, seconds };
    window.carrelStudioLastBuild = { seconds, summary: result.summary, files: result.files.length };
    showReport({ site: result });
    const { documents, terms } = result.summary;
    setStatus(`Built: ${count(documents, 'document')}, ${count(terms, 'term')}, in ${seconds.toFixed(1)} s. Try a search below, then download the site.`);
    showResult();
  } catch (error) {
    if (error.refused) {
      setStatus('Not built: the collection is too large for this page.');
      showError(error.message);
    } else {
      setStatus('Not built: the build stopped.');
      showError(`The build stopped: ${error.message}`);
      showReport({ read, lines, error: error.message });
    }
  } finally {
    worker?.terminate();
    progress.hidden = true;
    $('build-button').disabled = false;
  }
}

function siteFile(path) {
  return built.files.find((file) => file.path === path);
}

function showResult() {
  const offline = siteFile('carrel-offline.html');
  const total = built.files.reduce((sum, f) => sum + f.bytes.length, 0);
  const packs = built.files.filter((f) => f.path.startsWith('packs/')).length;
  $('download-hint').textContent = `The offline page is ${(offline.bytes.length / 1e6).toFixed(1)} MB: it works opened from disk, with no network. `
    + `The site is ${count(built.files.length, 'file')} (${(total / 1e6).toFixed(1)} MB${packs ? `, the index in ${count(packs, 'pack')}` : ''}): upload all of it to any web server.`;
  $('result').hidden = false;
  showPreview(offline.bytes);
}

/**
 * The offline page in the iframe, written into it rather than loaded from a blob: URL — its
 * glue resolves addresses against the page's own, and a blob: or about:srcdoc address can be
 * no base. A document written with document.open() takes this page's address.
 */
function showPreview(bytes) {
  const frame = $('preview');
  const html = new TextDecoder().decode(bytes);
  const doc = frame.contentDocument;
  doc.open();
  doc.write(html);
  doc.close();
}

function downloadOffline() {
  if (!built) return;
  download(objectUrl([siteFile('carrel-offline.html').bytes], 'text/html'), 'carrel-offline.html');
}

function downloadZip() {
  if (!built) return;
  try {
    download(objectUrl(zipParts(built.files), 'application/zip'), 'carrel-site.zip');
  } catch (error) {
    showError(error.message);
  }
}

function start() {
  $('folder-input').addEventListener('change', onFolderChosen);
  const zone = $('drop-zone');
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', onDrop);
  $('build-button').addEventListener('click', startBuild);
  $('download-offline').addEventListener('click', downloadOffline);
  $('download-zip').addEventListener('click', downloadZip);
  try {
    carried();
  } catch (error) {
    showError(error.message);
  }
}

start();
