// One request to the admin API, and its errors as the API states them ({code, message, field}).

export const API_BASE = new URL('../api/v1/', document.baseURI).pathname;

/** An error answer of the API, or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field || null;
  }

  /** The message with the field it concerns, as the console shows it. */
  describe() {
    return this.field ? `${this.message} (field: ${this.field})` : this.message;
  }
}

/**
 * Sends a request; answers the Response, or throws an ApiError when Cistern could not be reached. Cookies go only
 * where asked for ('same-origin': the single sign-on exchange, whose one-time code is an HttpOnly cookie).
 */
export async function send(method, path, body, accessToken, credentials = 'omit') {
  const headers = {Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(API_BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials,
    });
  } catch (failure) {
    throw new ApiError(0, 'unreachable', `Cistern did not answer (${failure.message})`);
  }
}

/** The ApiError an error answer stands for; an answer that is not the API's JSON still gets its status shown. */
export async function errorOf(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (notJson) {
    body = null;
  }
  if (body && typeof body.message === 'string') {
    return new ApiError(response.status, body.code || 'error', body.message, body.field);
  }
  return new ApiError(response.status, 'http_' + response.status,
    `the server answered ${response.status} ${response.statusText}`.trim());
}

/** The JSON of a successful answer, null for 204; an ApiError otherwise. */
export async function read(response) {
  if (!response.ok) throw await errorOf(response);
  return response.status === 204 ? null : response.json();
}
