// CPU profiles of the backend while one side of a scenario is measured (BENCH_CPU_PROFILE=1):
// the backend starts with its inspector on a free port, and the run records a sampling profile
// through the inspector protocol around each measured load, then sums its samples by package, so
// a run says where the time of a request goes (the plugin, the catalog, the database driver…).
const fs = require('node:fs');
const path = require('node:path');

/** The inspector's WebSocket address, from the line Node writes when it starts listening. */
function inspectorUrl(logFile) {
  const match = /Debugger listening on (ws:\/\/\S+)/.exec(
    fs.readFileSync(logFile, 'utf8'),
  );
  if (!match) {
    throw new Error(`The backend did not start its inspector (${logFile})`);
  }
  return match[1];
}

/** Connects to the backend's inspector; `send` calls a method of the protocol. */
async function connect(url) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = () => reject(new Error(`Could not reach ${url}`));
  });
  let nextId = 1;
  const pending = new Map();
  socket.onmessage = ({ data }) => {
    const message = JSON.parse(data);
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.error) call.reject(new Error(message.error.message));
    else call.resolve(message.result);
  };
  return {
    send(method, params = {}) {
      const id = nextId++;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve, reject) =>
        pending.set(id, { resolve, reject }),
      );
    },
    close: () => socket.close(),
  };
}

/**
 * Who a sampled function belongs to: a package, Node itself, or the VM's own categories. A
 * built-in without a script of its own (JSON.parse, a regular expression, a native binding) is
 * counted for the code that called it.
 */
function ownerOf(node, parents) {
  const { functionName, url } = node.callFrame;
  if (!url) {
    // (idle), (garbage collector), (program): the VM's names for time outside JavaScript.
    if (functionName.startsWith('(')) return functionName;
    const parent = parents.get(node.id);
    return parent ? ownerOf(parent, parents) : '(native)';
  }
  if (url.startsWith('node:')) return 'node';
  const parts = url.split('/node_modules/');
  if (parts.length > 1) {
    const [scope, name] = parts[parts.length - 1].split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  // The repository's own packages, as the production workspace lays them out.
  const workspace = [
    ...url.matchAll(/\/(?:plugins|packages)\/([^/]+)\/dist\//g),
  ].pop();
  return workspace ? workspace[1] : '(other)';
}

/** Milliseconds of samples by owner, largest first; owners under 1 % together as "(rest)". */
function summarize(profile) {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parents = new Map();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parents.set(child, node);
  }
  const totals = new Map();
  let all = 0;
  profile.samples.forEach((nodeId, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const owner = ownerOf(byId.get(nodeId), parents);
    totals.set(owner, (totals.get(owner) ?? 0) + ms);
    all += ms;
  });
  const shares = [...totals]
    .map(([owner, ms]) => ({ owner, ms, share: ms / all }))
    .sort((a, b) => b.ms - a.ms);
  const shown = shares.filter(s => s.share >= 0.01);
  const rest = shares.filter(s => s.share < 0.01);
  return [
    ...shown,
    ...(rest.length
      ? [
          {
            owner: '(rest)',
            ms: rest.reduce((sum, s) => sum + s.ms, 0),
            share: rest.reduce((sum, s) => sum + s.share, 0),
          },
        ]
      : []),
  ].map(({ owner, ms, share }) => ({
    owner,
    ms: Math.round(ms),
    percent: Math.round(share * 1000) / 10,
  }));
}

/**
 * A profiler of the backend whose log is `logFile`: `around(name, load)` runs the load with the
 * profiler on, writes the profile to `<dir>/<name>.cpuprofile` (for Chrome's DevTools) and returns
 * the load's result with `cpu`, the profile summed by owner.
 */
async function profilerOf(logFile, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const inspector = await connect(inspectorUrl(logFile));
  await inspector.send('Profiler.enable');
  await inspector.send('Profiler.setSamplingInterval', { interval: 1000 });
  return {
    async around(name, load) {
      await inspector.send('Profiler.start');
      const result = await load();
      const { profile } = await inspector.send('Profiler.stop');
      fs.writeFileSync(
        path.join(dir, `${name}.cpuprofile`),
        JSON.stringify(profile),
      );
      return { ...result, cpu: summarize(profile) };
    },
    close: () => inspector.close(),
  };
}

module.exports = { profilerOf };
