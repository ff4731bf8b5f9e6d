// The live activity stream (GET /api/v1/events), read with fetch: EventSource cannot send the Authorization header,
// and the access token must not go into a URL (it would land in logs and history). So the server-sent events are
// parsed here. A stream that ends or fails is opened again after a pause that doubles up to a limit, and starts
// short again once a frame has come through; a 401 gets one token refresh, as every other call does.

import {API_BASE} from './http.js';
import * as session from './session.js';

const FIRST_PAUSE_MILLIS = 1000;
const LONGEST_PAUSE_MILLIS = 30_000;

/** Splits a growing text into server-sent events; answers {type, data} for each complete one. */
function eventParser() {
  let pending = '';
  let type = '';
  let data = [];
  return chunk => {
    pending += chunk;
    // a CR at the end may be the first half of a CRLF whose LF is in the next chunk
    const held = pending.endsWith('\r') ? '\r' : '';
    const lines = (held ? pending.slice(0, -1) : pending).split(/\r\n|\r|\n/);
    pending = lines.pop() + held; // the last piece may be a line still being received
    const events = [];
    for (const line of lines) {
      if (line === '') {
        if (data.length) events.push({type: type || 'message', data: data.join('\n')});
        type = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (name === 'event') type = value;
      else if (name === 'data') data.push(value);
    }
    return events;
  };
}

async function connect(signal) {
  return fetch(`${API_BASE}events`, {
    headers: {Accept: 'text/event-stream', Authorization: `Bearer ${session.token()}`},
    cache: 'no-store',
    credentials: 'omit',
    signal,
  });
}

/** Opens the stream, refreshing the token once on a 401; null when the login is over. */
async function open(signal) {
  let response = await connect(signal);
  if (response.status === 401 && session.hasRefreshToken() && await session.refresh()) {
    response = await connect(signal);
  }
  if (response.status === 401) {
    session.end('Your session has ended: please log in again.');
    return null;
  }
  if (!response.ok || !response.body) throw new Error(`the server answered ${response.status}`);
  return response;
}

/** Reads one opened stream to its end, handing each activity frame on. */
async function readFrames(response, onFrame) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parse = eventParser();
  for (;;) {
    const {value, done} = await reader.read();
    if (done) return;
    for (const event of parse(value)) {
      if (event.type === 'activity') onFrame(JSON.parse(event.data));
    }
  }
}

/**
 * Streams activity frames to onFrame and the stream's state ('connecting', 'live', 'waiting') to onState until
 * stop() is called or the login ends.
 */
export function watchActivity({onFrame, onState}) {
  const aborter = new AbortController();
  let pause = FIRST_PAUSE_MILLIS;
  let timer = null;

  async function run() {
    if (aborter.signal.aborted) return;
    if (!session.token()) {
      stop();
      return;
    }
    onState('connecting');
    try {
      const response = await open(aborter.signal);
      if (!response) {
        stop();
        return;
      }
      await readFrames(response, frame => {
        pause = FIRST_PAUSE_MILLIS;
        onState('live');
        onFrame(frame);
      });
    } catch (failure) {
      if (aborter.signal.aborted) return;
    }
    if (aborter.signal.aborted) return;
    onState('waiting', pause);
    timer = setTimeout(run, pause);
    pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
  }

  function stop() {
    clearTimeout(timer);
    aborter.abort();
  }

  run();
  return {stop};
}
