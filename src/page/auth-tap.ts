import { readAuthFields, readAuthParams, type AuthParams } from '../core/protocol/auth-params';
import { utf8Bytes } from '../core/protocol/bytes';
import { replaceMethod } from './disguise';
import { guarded, natives } from './natives';
import type { Outbox } from './outbox';

/** Auth answers are small JSON; a login page returned instead is cut to this. */
const BODY_CAP = 4 * 1024;

/**
 * Records Pusher auth requests at the network level (XHR for pusher-js's ajax transport and axios, fetch for custom
 * handlers and worker-style code). Other requests pass straight through: only a POST body with a Pusher socket id
 * is looked at, and nothing about a request is changed.
 */
export function tapAuthRequests(outbox: Outbox): void {
  let nextAid = 0;
  const requests = new WeakMap<XMLHttpRequest, { method: string; url: string }>();
  const XhrProto = XMLHttpRequest.prototype;

  function begin(transport: 'xhr' | 'fetch', method: string, url: string, params: AuthParams): number {
    const aid = ++nextAid;
    outbox.record({ type: 'auth-request', aid, transport, method, url: absolute(url), ...params });
    return aid;
  }

  function finish(aid: number, status: number, contentType: string | null, body: string, error?: string) {
    outbox.record({
      type: 'auth-response',
      aid,
      status,
      body: body.slice(0, BODY_CAP),
      bodyBytes: utf8Bytes(body),
      ...(contentType !== null && { contentType }),
      ...(error !== undefined && { error }),
    });
  }

  replaceMethod(XhrProto, 'open', (target, xhr: XMLHttpRequest, args) => {
    const result = natives.apply(target, xhr, args);
    guarded(() => requests.set(xhr, { method: String(args[0]).toUpperCase(), url: String(args[1]) }));
    return result;
  });

  replaceMethod(XhrProto, 'send', (target, xhr: XMLHttpRequest, args) => {
    const result = natives.apply(target, xhr, args);
    guarded(() => {
      const request = requests.get(xhr);
      const params = request?.method === 'POST' ? readBody(args[0]) : null;
      if (!request || !params) return;
      const aid = begin('xhr', request.method, request.url, params);
      xhr.addEventListener('loadend', () =>
        guarded(() => {
          const text = xhr.responseType === '' || xhr.responseType === 'text' ? xhr.responseText : `(${xhr.responseType} response)`;
          finish(aid, xhr.status, xhr.getResponseHeader('content-type'), text, xhr.status === 0 ? 'Network error, CORS or aborted' : undefined);
        }),
      );
    });
    return result;
  });

  if (typeof window.fetch === 'function') {
    replaceMethod(window, 'fetch', (target, self, args) => {
      const response = natives.apply(target, self, args) as Promise<Response>;
      guarded(() => {
        const [input, init] = args as [RequestInfo | URL, RequestInit | undefined];
        const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
        const params = method === 'POST' ? readBody(init?.body) : null;
        if (!params) return;
        const url = input instanceof Request ? input.url : String(input);
        const aid = begin('fetch', method, url, params);
        response.then(
          (res) =>
            res
              .clone()
              .text()
              .then((text) => finish(aid, res.status, res.headers.get('content-type'), text))
              .catch(() => finish(aid, res.status, res.headers.get('content-type'), '')),
          (error: unknown) => finish(aid, 0, null, '', error instanceof Error ? error.message : String(error)),
        );
      });
      return response;
    });
  }
}

function readBody(body: unknown): AuthParams | null {
  if (typeof body === 'string') return readAuthParams(body);
  if (body instanceof URLSearchParams) return readAuthFields(body);
  if (body instanceof FormData) return readAuthFields(body.entries() as Iterable<[string, unknown]>);
  return null;
}

function absolute(url: string): string {
  return guarded(() => new URL(url, location.href).href) ?? url;
}
