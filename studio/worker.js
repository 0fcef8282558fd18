// The builder page's build, in a worker so that the page stays responsive and shows
// progress while the builder module works. The page sends the compiled builder module,
// its own bytes (every site carries the page as studio.html), the chosen files (as File
// objects, read here, after the size check) and the options; this answers with progress,
// report lines and the site.
//
// Messages in:  { files: [{ path, file }], folder, options, module, studio, memoryLimit }
// Messages out: { progress }, { line }, { refused: message }, { failed: message }, { site }

/** Refuses before reading when the build would need more memory than the page allows. */
async function refuseTooLarge(inputBytes, memoryLimit) {
  const needed = await memoryNeeded(inputBytes);
  if (needed <= memoryLimit) return null;
  const mb = (bytes) => `${Math.round(bytes / 1e6).toLocaleString('en')} MB`;
  const gb = (bytes) => `${(bytes / 1e9).toFixed(1)} GB`;
  return `These files come to ${mb(inputBytes)}: building them in this page would need about ${gb(needed)} `
    + `of memory, more than a browser tab can be relied on to give (this page allows ${gb(memoryLimit)}). `
    + 'Build the collection with the carrel command instead — npx carrel build FOLDER --out site/ '
    + '(Node 18 or later, no install) or the native carrel build — or split it into smaller '
    + 'folders and build each here.';
}

/** Files read at once (asynchronous reads; the builder then takes each from memory). */
const PARALLEL_READS = 16;

/**
 * Every chosen file's bytes, by the path the builder asks for (a file that cannot be read
 * holds its error, which the builder reports against it), read in parallel with progress.
 */
async function loadAll(files, folder) {
  const contents = new Map();
  const queue = files.filter((entry) => entry.file);
  const total = queue.length;
  let done = 0;
  let shown = 0;
  const next = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const key = folder ? `${folder}/${entry.path}` : entry.path;
      try {
        contents.set(key, new Uint8Array(await entry.file.arrayBuffer()));
      } catch (error) {
        contents.set(key, new Error(error && error.message ? error.message : String(error)));
      }
      done += 1;
      if (done - shown >= 50 || done === total) {
        shown = done;
        self.postMessage({ progress: { phase: 'loading', done, total } });
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_READS }, next));
  return contents;
}

self.onmessage = async (event) => {
  const { files, folder, options, module, studio, memoryLimit } = event.data;
  try {
    setBuilderModule(module);
    setStudioPage(studio);
    const inputBytes = files.reduce((sum, entry) => sum + (entry.file ? entry.file.size : 0), 0);
    const refusal = await refuseTooLarge(inputBytes, memoryLimit);
    if (refusal) {
      self.postMessage({ refused: refusal });
      return;
    }
    const contents = await loadAll(files, folder);
    const paths = files.map((entry) => entry.path);
    const source = {
      listing: [{ folder, files: paths }],
      read: (path) => {
        const content = contents.get(path);
        if (content === undefined) throw new Error('not among the files chosen');
        if (content instanceof Error) throw content;
        contents.delete(path); // the builder keeps its own copy: the page's may go
        return content;
      },
      inputBytes,
    };
    const site = await runBuild(source, {
      ...options,
      onProgress: (progress) => self.postMessage({ progress }),
      onLine: (line) => self.postMessage({ line }),
    }, 'site');
    const transfer = site.files.map((file) => file.bytes.buffer);
    self.postMessage({ site }, transfer);
  } catch (error) {
    self.postMessage({ failed: error && error.message ? error.message : String(error) });
  }
};
