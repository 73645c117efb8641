#!/usr/bin/env python3
"""Produce signer.json: SDK-HMAC-SHA256 test vectors from the official signer.

Run once (the Rust tests read the committed JSON and never need Python):

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install huaweicloudsdkcore
    /tmp/venv/bin/python gen_vectors.py > signer.json

Each case is fed to huaweicloudsdkcore's `Signer` exactly as its HTTP client would: path
parameters are substituted with `quote(value, safe='')` (client.py `_parse_path_params`), query
parameters are a list of (key, value) tuples, and `X-Sdk-Date` is fixed so the output is stable.
"""

import json
import sys
from importlib.metadata import version
from urllib.parse import quote

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

AK = "HPUA7CXUEXAMPLEAKID1"
SK = "Xb3pKq9ExampleSecretKey0123456789abcdefgh"
DATE = "20260412T101530Z"
HOST = "dcs.cn-north-4.myhuaweicloud.com"
PROJECT = "0123456789abcdef0123456789abcdef"
INSTANCE = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"

CASES = [
    {
        "name": "get_no_query_empty_body",
        "method": "GET",
        "template": "/v2/{project_id}/instances/{instance_id}",
        "path_params": {"project_id": PROJECT, "instance_id": INSTANCE},
        "query": [],
        "headers": {"Content-Type": "application/json"},
        "body": None,
    },
    {
        "name": "list_several_query_params",
        "method": "GET",
        "template": "/v2/{project_id}/instances",
        "path_params": {"project_id": PROJECT},
        "query": [("offset", 0), ("limit", 10), ("status", "RUNNING"), ("include_failure", True),
                  ("name", "dcs-prod")],
        "headers": {"Content-Type": "application/json"},
        "body": None,
    },
    {
        "name": "repeated_query_params",
        "method": "GET",
        "template": "/v2/{project_id}/instances",
        "path_params": {"project_id": PROJECT},
        "query": [("tags", "key2=b"), ("tags", "key1=a"), ("tags", "key1=A"), ("limit", 5),
                  ("id", "z"), ("id", "a")],
        "headers": {"Content-Type": "application/json"},
        "body": None,
    },
    {
        "name": "repeated_query_params_as_list",
        "method": "GET",
        "template": "/v2/{project_id}/instances",
        "path_params": {"project_id": PROJECT},
        "query": [("id", ["z", "a", "m"]), ("limit", 5)],
        "headers": {"Content-Type": "application/json"},
        "body": None,
    },
    {
        "name": "unicode_and_reserved_in_query",
        "method": "GET",
        "template": "/v2/{project_id}/instances",
        "path_params": {"project_id": PROJECT},
        "query": [("name", "缓存 实例/测试"), ("q", "a+b=c&d?e#f%g"), ("tilde", "~-_.*'()!"),
                  ("empty", ""), ("émoji", "🚀 rocket"), ("spaces", "  lead and trail  ")],
        "headers": {"Content-Type": "application/json"},
        "body": None,
    },
    {
        "name": "unicode_and_reserved_in_path",
        "method": "DELETE",
        "template": "/v2/{project_id}/instances/{instance_id}/tags/{key}",
        "path_params": {"project_id": PROJECT, "instance_id": INSTANCE,
                        "key": "环境 env+prod/a?b#c%d~e"},
        "query": [],
        "headers": {"Content-Type": "application/json"},
        "body": None,
    },
    {
        "name": "post_json_body",
        "method": "POST",
        "template": "/v2/{project_id}/instances/{instance_id}/backups",
        "path_params": {"project_id": PROJECT, "instance_id": INSTANCE},
        "query": [],
        "headers": {"Content-Type": "application/json;charset=UTF-8", "X-Project-Id": PROJECT},
        "body": json.dumps({"remark": "nightly 备份", "backup_format": "rdb"},
                           ensure_ascii=False, separators=(",", ":")),
    },
    {
        "name": "put_json_body_with_query",
        "method": "PUT",
        "template": "/v2/{project_id}/instances/{instance_id}",
        "path_params": {"project_id": PROJECT, "instance_id": INSTANCE},
        "query": [("dry_run", False)],
        "headers": {"Content-Type": "application/json", "X-Language": "en-us"},
        "body": json.dumps({"name": "renamed", "description": "a \"quoted\" \\ slash\n"},
                           separators=(",", ":")),
    },
    {
        "name": "post_empty_json_object",
        "method": "POST",
        "template": "/v2/{project_id}/instances/{instance_id}/restart",
        "path_params": {"project_id": PROJECT, "instance_id": INSTANCE},
        "query": [],
        "headers": {"Content-Type": "application/json"},
        "body": "{}",
    },
    {
        "name": "header_whitespace_and_underscore_not_signed",
        "method": "PATCH",
        "template": "/v2/{project_id}/instances/{instance_id}",
        "path_params": {"project_id": PROJECT, "instance_id": INSTANCE},
        "query": [("a", "1")],
        "headers": {"Content-Type": "application/json", "X-Custom": "  padded value  ",
                    "X_Underscore": "not signed"},
        "body": "[1,2,3]",
    },
    {
        "name": "endpoint_with_port",
        "method": "GET",
        "template": "/v1.0/{project_id}/instances/status",
        "path_params": {"project_id": PROJECT},
        "query": [("include_failure", True)],
        "headers": {"Content-Type": "application/json"},
        "body": None,
        "host": "127.0.0.1:8443",
    },
]


def sign_case(case):
    resource_path = case["template"]
    for key, value in case["path_params"].items():
        resource_path = resource_path.replace("{%s}" % key, quote(str(value), safe=""))
    headers = dict(case["headers"])
    headers["X-Sdk-Date"] = DATE
    body = case["body"]
    request = SdkRequest(
        method=case["method"],
        schema="https",
        host=case.get("host", HOST),
        resource_path=resource_path,
        query_params=[(k, list(v) if isinstance(v, list) else v) for k, v in case["query"]],
        header_params=headers,
        body=body,
    )
    signer = Signer(BasicCredentials(AK, SK))
    # The canonical request is recorded only to make a failing Rust test easy to diagnose.
    probe = SdkRequest(method=request.method, schema="https", host=request.host,
                       resource_path=resource_path,
                       query_params=[(k, list(v) if isinstance(v, list) else v)
                                     for k, v in case["query"]],
                       header_params=dict(headers), body=body.encode() if body else body)
    probe.header_params.setdefault("Host", probe.host)
    canonical = signer._process_canonical_request(probe, signer._process_signed_headers(probe))
    signed = signer.sign(request)
    return {
        "name": case["name"],
        "method": case["method"],
        "host": request.host,
        "template": case["template"],
        "path_params": case["path_params"],
        "resource_path": resource_path,
        "query": [[k, v] for k, v in case["query"]],
        "headers": case["headers"],
        "body": body,
        "date": DATE,
        "expected": {
            "canonical_request": canonical,
            "uri": signed.uri,
            "authorization": signed.header_params["Authorization"],
        },
    }


def main():
    out = {
        "generator": "gen_vectors.py with huaweicloudsdkcore %s" % version("huaweicloudsdkcore"),
        "ak": AK,
        "sk": SK,
        "cases": [sign_case(c) for c in CASES],
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
