"""Fill the English catalogue in batches without a .po library (the project has none).

Why: each merged branch adds Chinese strings that `makemessages` collects untranslated, and
its fuzzy guesses (a nearby msgid's English) are almost always wrong for this catalogue, so
fuzzy entries are treated as untranslated. The round trip is:

    cd lianxin && ../.venv/bin/python ../manage.py makemessages -l en --no-obsolete && cd ..
    .venv/bin/python tools/po_fill.py todo > /tmp/todo.json     # {msgid: ""} or {msgid: ["", ""]}
    # translate the values (plural msgids get [singular, plural]); keep every %(name)s / {name}
    .venv/bin/python tools/po_fill.py apply /tmp/todo.json       # fills msgstr, drops fuzzy flags
    msgfmt -c -o /dev/null lianxin/locale/en/LC_MESSAGES/django.po && make messages

Entries left empty in the JSON stay untranslated (and fuzzy ones keep their flag), so a
partial map is safe to apply. Django's `makemessages` output is the only format handled: no
msgctxt, strings on `msgid`/`msgstr` lines followed by continuation lines.
"""

import json
import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "lianxin/locale/en/LC_MESSAGES/django.po"
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
KEYWORD = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$')


def unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: ESCAPES[m.group(1)], text)


def quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")


def parse(block: list[str]) -> tuple[list[str], dict[str, str]]:
    """A block's comment lines and its fields (msgid, msgid_plural, msgstr or msgstr[n])."""
    comments, fields, key = [], {}, None
    for line in block:
        if line.startswith("#"):
            comments.append(line)
        elif match := KEYWORD.match(line):
            key = match.group(1)
            fields[key] = unquote(match.group(2))
        elif line.startswith('"') and key:
            fields[key] += unquote(line[1:-1])
    return comments, fields


def render(text: str, key: str) -> list[str]:
    """xgettext's layout: one line when short and single-line, else "" then one line per \\n."""
    if "\n" not in text[:-1] and len(text) < 70:
        return [f'{key} "{quote(text)}"']
    parts = re.findall(r"[^\n]*\n|[^\n]+$", text)
    return [f'{key} ""', *(f'"{quote(part)}"' for part in parts)]


def blocks(text: str) -> list[list[str]]:
    return [chunk.split("\n") for chunk in text.strip("\n").split("\n\n")]


def needs_work(comments: list[str], fields: dict[str, str]) -> bool:
    fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in comments)
    strs = [value for key, value in fields.items() if key.startswith("msgstr")]
    return fields.get("msgid") != "" and (fuzzy or not all(strs))


def todo() -> dict:
    work = {}
    for block in blocks(PO.read_text()):
        comments, fields = parse(block)
        if needs_work(comments, fields):
            work[fields["msgid"]] = ["", ""] if "msgid_plural" in fields else ""
    return work


def fill(block: list[str], english) -> list[str]:
    comments, fields = parse(block)
    if not needs_work(comments, fields) or not english or not all(english if isinstance(english, list) else [1]):
        return block
    out, key = [], None
    for line in block:
        if line.startswith("#|"):
            continue
        if line.startswith("#,"):
            line = _unfuzzy(line)
            if line == "#,":
                continue
        elif match := KEYWORD.match(line):
            key = match.group(1)
        if not (key or "").startswith("msgstr"):
            out.append(line)
    if "msgid_plural" in fields:
        for index, value in enumerate(english):
            out += render(value, f"msgstr[{index}]")
    else:
        out += render(english, "msgstr")
    return out


def _unfuzzy(line: str) -> str:
    if not line.startswith("#,"):
        return line
    flags = [flag.strip() for flag in line[2:].split(",") if flag.strip() != "fuzzy"]
    return "#, " + ", ".join(flags) if flags else "#,"


def apply(path: str) -> int:
    mapping = json.loads(Path(path).read_text())
    done, out = 0, []
    for block in blocks(PO.read_text()):
        _, fields = parse(block)
        new = fill(block, mapping.get(fields.get("msgid")))
        done += new is not block
        out.append("\n".join(new))
    PO.write_text("\n\n".join(out) + "\n")
    return done


if __name__ == "__main__":
    if sys.argv[1:2] == ["todo"]:
        print(json.dumps(todo(), ensure_ascii=False, indent=1))
    elif sys.argv[1:2] == ["apply"] and len(sys.argv) == 3:
        print(f"filled {apply(sys.argv[2])} entries", file=sys.stderr)
    else:
        sys.exit(__doc__)
