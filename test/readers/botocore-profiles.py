"""Reads AWS's shared files with a real botocore and prints what it sees, as JSON.

Usage: botocore-profiles.py MODULE
  MODULE is `awscli.botocore` (the AWS CLI v2's own copy, from Debian's awscli) or `botocore`
  (boto3's, from Debian's python3-botocore). The files are the usual AWS_SHARED_CREDENTIALS_FILE
  and AWS_CONFIG_FILE. Prints {"profiles": {NAME: {"access_key", "secret_key", "token",
  "region", "config"}}} for every profile botocore lists ("config": the profile's keys in the
  config file), or {"error": "..."} when it cannot read the files.
"""

import importlib
import json
import sys


def main() -> None:
    session_module = importlib.import_module(sys.argv[1] + ".session")
    try:
        base = session_module.Session()
        names = base.available_profiles
        config = base.full_config["profiles"]
        profiles = {}
        for name in names:
            session = session_module.Session(profile=name)
            credentials = session.get_credentials()
            frozen = credentials.get_frozen_credentials() if credentials else None
            profiles[name] = {
                "access_key": frozen.access_key if frozen else None,
                "secret_key": frozen.secret_key if frozen else None,
                "token": frozen.token if frozen else None,
                "region": session.get_config_variable("region"),
                "config": config.get(name, {}),
            }
        print(json.dumps({"profiles": profiles}))
    except Exception as error:  # a file botocore refuses: say how, as the CLI would
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}))


main()
