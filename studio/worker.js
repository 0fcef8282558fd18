// The builder page's build, in a worker so that the page stays responsive and shows
// progress while the builder module works. The page sends the compiled builder module,
// its own bytes (every site carries the page as studio.html), the chosen files (as File
// objects: each is read here, when the module asks for it, so only one file's bytes are
// copied at a time) and the options; this answers with progress, report lines and the site.
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
    const reader = new FileReaderSync();
    const byPath = new Map();
    const paths = [];
    for (const entry of files) {
      paths.push(entry.path);
      if (entry.file) byPath.set(folder ? `${folder}/${entry.path}` : entry.path, entry.file);
    }
    const source = {
      listing: [{ folder, files: paths }],
      read: (path) => {
        const file = byPath.get(path);
        if (!file) throw new Error('not among the files chosen');
        return new Uint8Array(reader.readAsArrayBuffer(file));
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
