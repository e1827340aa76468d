"""Run the test provider: migrate its database, add its users and Heard as a client, then serve
on 127.0.0.1 at a free port, printed as `PORT <n>` on the first line of output.

    HEARD_TEST_PROVIDER_CONFIG=config.json python -m organisations.tests.oidc_provider.serve
"""

import os
import sys
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

os.environ["DJANGO_SETTINGS_MODULE"] = "organisations.tests.oidc_provider.settings"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    config = settings.CONFIG
    for username, person in config["users"].items():
        User.objects.create_user(username, email=person.get("email", ""), password=person["password"])
    client = config["client"]
    Application.objects.create(
        name="Heard",
        client_id=client["id"],
        client_secret=client["secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=client["redirect_uri"],
        post_logout_redirect_uris=client["post_logout_redirect_uri"],
        algorithm=Application.RS256_ALGORITHM,
    )
    server: WSGIServer = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)
    print(f"PORT {server.server_port}", flush=True)
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
