// What the frontend plugin costs the app's first load, read from the production build: the bytes
// of its code in the JavaScript that index.html loads, found through the source maps, and a
// check that its page and cards are in chunks loaded on demand only.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { SourceMapConsumer } = require('source-map');

/** Sources of the plugins' packages, as the app's source maps name them. */
const PLUGIN_SOURCE = /\/plugins\/well-architected(-common)?\/src\//;

/** The modules that must load lazily: the page and the two cards. */
const LAZY_MODULES = [
  'components/RolesPage/',
  'components/ReviewersCard/',
  'components/GroupRolesCard/',
];

const gzipSize = text => zlib.gzipSync(text, { level: 9 }).length;

/** Per source file of a built chunk, the generated code that came from it. */
function codeBySource(jsFile) {
  const lines = fs.readFileSync(jsFile, 'utf8').split('\n');
  const map = new SourceMapConsumer(
    JSON.parse(fs.readFileSync(`${jsFile}.map`, 'utf8')),
  );
  const mappings = [];
  map.eachMapping(
    m => mappings.push(m),
    null,
    SourceMapConsumer.GENERATED_ORDER,
  );
  const code = new Map();
  mappings.forEach((m, i) => {
    if (!m.source) return;
    const next = mappings[i + 1];
    const line = lines[m.generatedLine - 1];
    const end =
      next && next.generatedLine === m.generatedLine
        ? next.generatedColumn
        : line.length;
    code.set(
      m.source,
      (code.get(m.source) ?? '') + line.slice(m.generatedColumn, end),
    );
  });
  return code;
}

/** Whether a chunk holds any of the plugins' code, from the source list of its map alone. */
function hasPluginCode(jsFile) {
  const { sources } = JSON.parse(fs.readFileSync(`${jsFile}.map`, 'utf8'));
  return sources.some(s => PLUGIN_SOURCE.test(s));
}

function chunkReport(files) {
  let pluginCode = '';
  const pluginSources = new Set();
  for (const file of files.filter(hasPluginCode)) {
    for (const [source, code] of codeBySource(file)) {
      if (PLUGIN_SOURCE.test(source)) {
        pluginCode += code;
        pluginSources.add(source.replace(/^.*\/plugins\//, 'plugins/'));
      }
    }
  }
  return { pluginCode, pluginSources: [...pluginSources].sort() };
}

/**
 * Measures the built app in `distDir`. The initial JavaScript is what index.html's script tags
 * load; everything else under static/ is loaded on demand.
 */
function measureFrontend(distDir) {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<script[^>]*src="\/?([^"]+\.js)"/g)].map(
    m => path.join(distDir, m[1]),
  );
  const onDemand = fs
    .readdirSync(path.join(distDir, 'static'))
    .filter(f => f.endsWith('.js'))
    .map(f => path.join(distDir, 'static', f))
    .filter(f => !initial.includes(f) && fs.existsSync(`${f}.map`));

  const first = chunkReport(initial);
  const later = chunkReport(onDemand);
  const initialJs = initial.map(f => fs.readFileSync(f, 'utf8')).join('\n');
  const lazy = LAZY_MODULES.map(module => ({
    module,
    inInitial: first.pluginSources.some(s => s.includes(module)),
    inOnDemand: later.pluginSources.some(s => s.includes(module)),
  }));
  return {
    initialScripts: initial.length,
    initialJsGzipBytes: gzipSize(initialJs),
    pluginInitialBytes: Buffer.byteLength(first.pluginCode),
    pluginInitialGzipBytes: gzipSize(first.pluginCode),
    pluginInitialSources: first.pluginSources,
    pluginOnDemandGzipBytes: gzipSize(later.pluginCode),
    lazy,
    lazyOk: lazy.every(l => !l.inInitial && l.inOnDemand),
  };
}

module.exports = { measureFrontend };
