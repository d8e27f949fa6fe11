#!/usr/bin/env python3
"""Bundle SendGrid's own OpenAPI description of POST /v3/mail/send into one self-contained file.

Usage: scripts/bundle-sendgrid-mail-send.py <sendgrid-oai folder with oas_v3.json and spec/> <output.json>

The SendGrid description is split over many files joined by relative $refs; the contract tests need only mail/send.
This inlines every $ref that path uses (recursively), keeps the document's info, servers and security, and changes
nothing else, so what Prism validates against is SendGrid's text. Run it again when SendGrid's description changes.
"""
import json
import os
import sys


def load(path, cache={}):
    if path not in cache:
        with open(path, encoding="utf-8") as f:
            cache[path] = json.load(f)
    return cache[path]


def pointer(doc, fragment):
    for part in [p for p in fragment.split("/") if p]:
        doc = doc[part.replace("~1", "/").replace("~0", "~")]
    return doc


def inline(node, base, seen=()):
    if isinstance(node, dict):
        if "$ref" in node and len(node) == 1:
            ref = node["$ref"]
            file, _, fragment = ref.partition("#")
            path = os.path.normpath(os.path.join(os.path.dirname(base), file)) if file else base
            key = (path, fragment)
            if key in seen:
                raise SystemExit(f"cyclic $ref {ref}")
            return inline(pointer(load(path), fragment), path, seen + (key,))
        return {k: inline(v, base, seen) for k, v in node.items()}
    if isinstance(node, list):
        return [inline(v, base, seen) for v in node]
    return node


def main():
    source, output = sys.argv[1], sys.argv[2]
    root_path = os.path.join(source, "oas_v3.json")
    root = load(root_path)
    bundle = {
        "openapi": root["openapi"],
        "info": root["info"],
        "servers": root.get("servers", []),
        "security": root.get("security", []),
        "components": {"securitySchemes": inline(root["components"]["securitySchemes"], root_path)} if "components" in root and "securitySchemes" in root["components"] else {},
        "paths": {"/v3/mail/send": inline(root["paths"]["/v3/mail/send"], root_path)},
    }
    with open(output, "w", encoding="utf-8") as f:
        json.dump(bundle, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
