/* Lianxin's service worker (lianxin/core/views/app.py says what it keeps and why). */
"use strict";
const VERSION = "{{ version }}";
const SHELL_CACHE = "shell-" + VERSION;
const PAGE_CACHE = "pages";
const SHELL = {{ shell|safe }};
const PAGES = {{ pages|safe }};
const PAGE_PATTERNS = {{ patterns|safe }}.map((p) => new RegExp(p));
const OFFLINE_HTML = {{ offline|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("shell-") && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

function keptPage(path) {
  return PAGES.includes(path) || PAGE_PATTERNS.some((pattern) => pattern.test(path));
}

function offlinePage() {
  return new Response(OFFLINE_HTML, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
    return;
  }
  if (request.mode === "navigate" && keptPage(url.pathname)) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          // Only the user's own pages as they were served: not a redirect to the login page.
          if (response.ok && !response.redirected) {
            const copy = response.clone();
            caches.open(PAGE_CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(() =>
          caches.match(request).then((hit) => hit || caches.match(request, { ignoreSearch: true })).then((hit) => hit || offlinePage())
        )
    );
  }
});
