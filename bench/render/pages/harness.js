// Browser-side instrumentation shared by every render page. The same code runs in every variant,
// so its (small) cost is the same for all of them.
//
// - taps window.fetch to time the reply's first and last byte (whatever client library reads it)
// - counts animation frames, long tasks, and mutations of the reply container
// - records every flush (React commit via <Profiler onRender>, or a raw DOM write) with its cost
//   and how much of the reply was on screen at that moment
// - resolves window.__done when the stream has ended, the end marker is in the DOM and the DOM
//   has been quiet for a while; window.__result then holds the figures.

const cfg = window.__BENCH;
const now = () => performance.now();

const state = {
  startedAt: 0,
  firstByteAt: 0,
  lastByteAt: 0,
  streamClosedAt: 0,
  bytes: 0,
  netChunks: 0,
  frames: [],
  longTasks: [],
  commits: [],
  flushes: [],
  lastMutationAt: 0,
  finalPaintAt: 0,
  renderedChars: 0,
};
window.__state = state;

// --- fetch tap ---------------------------------------------------------------------------
const realFetch = window.fetch.bind(window);
window.fetch = async (input, init) => {
  const res = await realFetch(input, init);
  const url = typeof input === 'string' ? input : input.url;
  if (!url.includes('/api/') || !res.body) return res;
  // A pull-through stream (not a TransformStream) so a client that cancels the body after the
  // final event (instead of reading to the end) is seen too.
  const reader = res.body.getReader();
  const closed = () => {
    if (!state.streamClosedAt) state.streamClosedAt = now();
  };
  const body = new ReadableStream({
    async pull(controller) {
      const { value, done } = await reader.read();
      if (done) {
        closed();
        controller.close();
        return;
      }
      const t = now();
      if (!state.firstByteAt) state.firstByteAt = t;
      state.lastByteAt = t;
      state.bytes += value.byteLength;
      state.netChunks++;
      controller.enqueue(value);
    },
    cancel(reason) {
      closed();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
};

// --- frames, long tasks --------------------------------------------------------------------
let counting = false;
const frame = (t) => {
  if (!counting) return;
  state.frames.push(t);
  requestAnimationFrame(frame);
};
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  /* not supported */
}

// --- mutations & final paint ---------------------------------------------------------------
let paintScheduled = false;
function watch(container) {
  new MutationObserver(() => {
    state.lastMutationAt = now();
    if (!paintScheduled) {
      paintScheduled = true;
      // The frame that paints this mutation: rAF runs before that paint, a task queued from it after.
      requestAnimationFrame(() =>
        setTimeout(() => {
          paintScheduled = false;
          state.finalPaintAt = now();
        }, 0),
      );
    }
  }).observe(container, { childList: true, subtree: true, characterData: true });
}

// --- flush records -------------------------------------------------------------------------
/** <Profiler onRender>: called in the commit phase, after the DOM was mutated. */
export function onRender(_id, phase, actualDuration, _baseDuration, startTime, commitTime) {
  if (!state.startedAt) return;
  const t = now();
  state.commits.push({ t: commitTime, cost: t - startTime, render: actualDuration, chars: state.renderedChars, phase });
}
/** Variants call this while rendering with how many characters of the reply they show. */
export function setRenderedChars(n) {
  state.renderedChars = n;
}
/** The raw DOM floor reports each of its writes here. */
export function recordFlush(t0, chars) {
  const t = now();
  state.flushes.push({ t, cost: t - t0, chars });
}

// --- lifecycle -----------------------------------------------------------------------------
let startFn;
/** The variant registers how to start the request; the driver calls window.__start(). */
export function ready(container, start) {
  startFn = start;
  watch(container);
  window.__ready = true;
}

window.__start = () => {
  state.startedAt = now();
  counting = true;
  requestAnimationFrame(frame);
  startFn();
  return state.startedAt;
};

const container = () => document.getElementById('root');

/** Resolves once the DOM has been quiet for `quietMs` (used between phases and at the end). */
window.__quiet = (quietMs = 400) =>
  new Promise((resolve) => {
    const check = () => {
      const since = now() - Math.max(state.lastMutationAt, state.lastByteAt);
      if (since >= quietMs && !paintScheduled) resolve(now());
      else setTimeout(check, Math.max(20, quietMs - since));
    };
    check();
  });

window.__done = new Promise((resolve) => {
  const check = () => {
    const el = container();
    const complete = state.streamClosedAt && el && el.textContent.includes(cfg.endMarker);
    if (complete && now() - state.lastMutationAt > 500 && !paintScheduled) {
      counting = false;
      resolve(summarize());
    } else setTimeout(check, 100);
  };
  setTimeout(check, 100);
});

/** What the run got to so far (a run that did not finish in time). */
window.__snapshot = () => {
  counting = false;
  return { ...summarize(), unfinished: true };
};

function summarize() {
  const flushes = state.commits.length ? state.commits : state.flushes;
  return {
    startedAt: state.startedAt,
    firstByteAt: state.firstByteAt,
    lastByteAt: state.lastByteAt,
    streamClosedAt: state.streamClosedAt,
    lastMutationAt: state.lastMutationAt,
    finalPaintAt: state.finalPaintAt,
    bytes: state.bytes,
    netChunks: state.netChunks,
    frames: state.frames,
    longTasks: state.longTasks,
    commits: state.commits.length,
    flushes: flushes.map((f) => [f.t, f.cost, f.chars, f.render ?? f.cost]),
    domChars: container().textContent.length,
    renderedChars: state.renderedChars,
  };
}
