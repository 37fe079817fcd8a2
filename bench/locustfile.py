"""The load `make loadtest` drives (bench/loadtest.py starts it once per page, headless).

Every simulated user requests one path as fast as it can (no think time), with the session
cookie of a bench user made by loadtest.py, so the figure is the server's throughput for that
page alone. POST scenarios log a visit through the API, with the CSRF token the first page
set. Environment: LOAD_PATH, LOAD_SESSION (cookie value), LOAD_METHOD (GET or POST),
LOAD_BODY (JSON for POST; its `household` is a list to pick from)."""

import json
import os
import random

from locust import HttpUser, task

PATH = os.environ.get("LOAD_PATH", "/healthz")
SESSION = os.environ.get("LOAD_SESSION", "")
METHOD = os.environ.get("LOAD_METHOD", "GET")
BODY = json.loads(os.environ.get("LOAD_BODY", "null") or "null")


class PageUser(HttpUser):
    def on_start(self):
        if SESSION:
            self.client.cookies.set("sessionid", SESSION)
        if METHOD == "POST":
            self.client.get("/", name="(csrf)")
            self.csrf = self.client.cookies.get("csrftoken", "")

    @task
    def page(self):
        if METHOD == "POST":
            # A visit to one of the village's households in turn: no two alike in a row.
            body = {**BODY, "household": random.choice(BODY["household"])}
            self.client.post(PATH, json=body, headers={"X-CSRFToken": self.csrf, "Referer": self.host + "/"}, name=PATH)
        else:
            self.client.get(PATH, name=PATH)
