// The login: who is logged in, the access token, and its renewal.
//
// The access token (15 minutes) lives only in this module's memory: a script that is not ours cannot run here
// (the Content-Security-Policy allows no inline or foreign script), and even a reload drops it. The refresh token is
// kept in sessionStorage, so that reloading the page does not log the administrator out: sessionStorage belongs to
// this tab alone and is emptied when the tab closes, unlike localStorage or a cookie, which outlive the tab and reach
// every tab. Each refresh token works once; a copied one that is used again revokes the whole login on the server.

import {ApiError, read, send} from './http.js';

const REFRESH_KEY = 'cistern.console.refreshToken';
// renew this long before the access token expires, so that a slow answer never finds it expired
const RENEW_AHEAD_SECONDS = 60;
const RETRY_SECONDS = 15;

let accessToken = null;
let identity = null;
let renewTimer = null;
let refreshing = null;
const endListeners = new Set();

function storedRefreshToken() {
  try {
    return sessionStorage.getItem(REFRESH_KEY);
  } catch (unavailable) {
    return null;
  }
}

function storeRefreshToken(token) {
  try {
    if (token) sessionStorage.setItem(REFRESH_KEY, token);
    else sessionStorage.removeItem(REFRESH_KEY);
  } catch (unavailable) {
    // without sessionStorage a reload asks for the password again; nothing else changes
  }
}

function scheduleRenewal(seconds) {
  clearTimeout(renewTimer);
  renewTimer = setTimeout(() => {
    refresh().catch(() => {
      // Cistern did not answer: try again soon, while the access token may still be valid
      scheduleRenewal(RETRY_SECONDS + RENEW_AHEAD_SECONDS);
    });
  }, Math.max(5, seconds - RENEW_AHEAD_SECONDS) * 1000);
}

function accept(tokens) {
  accessToken = tokens.accessToken;
  identity = {username: tokens.username, role: tokens.role};
  storeRefreshToken(tokens.refreshToken);
  scheduleRenewal(tokens.expiresIn);
}

/** Logs in with a local username and password; throws the API's error (wrong password, too many attempts). */
export async function login(username, password) {
  accept(await read(await send('POST', 'auth/login', {username, password})));
  return identity;
}

/** Where a browser starts single sign-on, or null when Cistern has none configured (the API answers 404). */
export async function singleSignOn() {
  const response = await send('GET', 'auth/sso');
  if (response.status === 404) return null;
  return (await read(response)).loginPath;
}

/**
 * Picks up a finished single sign-on: the callback left a one-time code in an HttpOnly cookie that only the exchange
 * endpoint receives, so the code never passes through this script or a URL. Throws the API's error when there is
 * none to pick up (used, expired, or another tab was first).
 */
export async function completeSingleSignOn() {
  accept(await read(await send('POST', 'auth/sso/exchange', undefined, null, 'same-origin')));
  return identity;
}

/**
 * Exchanges the refresh token for a new pair; one exchange at a time, since a refresh token presented twice ends
 * the login. Answers whether the login goes on; ends the session when the server refuses the token.
 */
export function refresh() {
  if (!refreshing) {
    refreshing = exchange().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

async function exchange() {
  const token = storedRefreshToken();
  if (!token) return false;
  const response = await send('POST', 'auth/refresh', {refreshToken: token});
  if (response.status === 401 || response.status === 400) {
    end('Your session has ended: please log in again.');
    return false;
  }
  accept(await read(response));
  return true;
}

/** Picks up the login of this tab after a reload; false when there is none. */
export async function resume() {
  if (!storedRefreshToken()) return false;
  try {
    return await refresh();
  } catch (unreachable) {
    return false;
  }
}

/** Logs out on the server (revoking the refresh token) and here. */
export async function logout() {
  const token = storedRefreshToken();
  try {
    if (token) await send('POST', 'auth/logout', {refreshToken: token});
  } catch (unreachable) {
    // the token expires on its own; forgetting it here is what matters
  } finally {
    end(null);
  }
}

/** Forgets the login and tells the listeners, with a reason to show (or null after a logout). */
export function end(reason) {
  const wasLoggedIn = accessToken !== null || storedRefreshToken() !== null;
  clearTimeout(renewTimer);
  accessToken = null;
  identity = null;
  storeRefreshToken(null);
  if (wasLoggedIn) endListeners.forEach(listener => listener(reason));
}

export function onEnd(listener) {
  endListeners.add(listener);
}

export function token() {
  return accessToken;
}

export function current() {
  return identity;
}

export function hasRefreshToken() {
  return storedRefreshToken() !== null;
}

export {ApiError};
