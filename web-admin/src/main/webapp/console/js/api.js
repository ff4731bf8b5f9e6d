// Authenticated calls to the admin API. A 401 is met with one refresh and one retry (a laptop that slept past the
// renewal still has a valid refresh token); a second 401 ends the session, and the console goes back to login.

import {ApiError, read, send} from './http.js';
import * as session from './session.js';

async function call(method, path, body) {
  let response = await send(method, path, body, session.token());
  if (response.status === 401 && session.hasRefreshToken() && await session.refresh()) {
    response = await send(method, path, body, session.token());
  }
  if (response.status === 401) {
    const error = await read(response).catch(failure => failure);
    session.end('Your session has ended: please log in again.');
    throw error instanceof ApiError ? error : new ApiError(401, 'unauthorized', 'not logged in');
  }
  return read(response);
}

/** A path segment, escaped: names may hold spaces and other characters a URL reserves. */
export function segment(value) {
  return encodeURIComponent(value);
}

export const api = {
  get: path => call('GET', path),
  post: (path, body) => call('POST', path, body ?? {}),
  put: (path, body) => call('PUT', path, body),
  patch: (path, body) => call('PATCH', path, body),
  del: path => call('DELETE', path),
};
