#!/usr/bin/env python3
"""Writes <fixture>.golden for each *.prom here, with a parser independent of the C# one (regexes, Python floats).

Each golden line: <family or -> <suffix> <name>{<labels sorted by name, re-escaped>} <value> [@<timestamp ms>]
The family column is what the C# parser must report for the catalog in ExpositionGoldenTests.Catalog ('-' = skipped).
Review the output by reading it against the input before committing it.
"""
import glob, re

CATALOG = [
    "vllm:num_requests_running", "vllm:num_requests_waiting", "vllm:kv_cache_usage_perc",
    "vllm:gpu_cache_usage_perc", "vllm:time_to_first_token_seconds", "vllm:iteration_tokens_total",
    "vllm:prompt_tokens_total", "vllm:request_success_total", "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED",
    "DCGM_FI_DEV_MEMORY_TEMP", "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "http_requests", "rpc_duration_seconds", "build",
]
SUFFIXES = {"_bucket": "Bucket", "_sum": "Sum", "_count": "Count", "_total": "Total", "_info": "Info"}
NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:\\.|[^"\\])*)"\s*,?')
LINE = re.compile(r'^[ \t]*(' + NAME + r')[ \t]*(?:\{(.*)\})?[ \t]*(\S+)(?:[ \t]+(-?\d+))?[ \t]*(?:#.*)?$')

def unescape(v):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "\\": "\\", '"': '"'}.get(m.group(1), "\\" + m.group(1)), v)

def escape(v):
    return v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")

def family(name):
    if name in CATALOG:
        return name, "None"
    for suffix, kind in SUFFIXES.items():
        if name.endswith(suffix) and name[: -len(suffix)] in CATALOG:
            return name[: -len(suffix)], kind
    return "-", "-"

def fmt(v):
    return {"nan": "NaN", "inf": "+Inf", "-inf": "-Inf"}.get(repr(v), repr(v))

for path in sorted(glob.glob("*.prom")):
    out = []
    for raw in open(path, encoding="utf-8").read().split("\n"):
        line = raw.rstrip("\r")
        if line.strip() == "" or line.lstrip().startswith("#"):
            if line.strip() == "# EOF":
                break
            continue
        m = LINE.match(line)
        assert m, (path, line)
        name, labels, value, ts = m.groups()
        pairs = []
        pos = 0
        while labels is not None and pos < len(labels):
            lm = LABEL.match(labels, pos)
            assert lm, (path, labels[pos:])
            pairs.append((lm.group(1), unescape(lm.group(2))))
            pos = lm.end()
        fam, kind = family(name)
        text = "%s %s %s{%s} %s" % (fam, kind, name, ",".join('%s="%s"' % (k, escape(v)) for k, v in sorted(pairs)),
                                    fmt(float(value)))
        out.append(text + (" @" + ts if ts else ""))
    with open(path[: -len(".prom")] + ".golden", "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
