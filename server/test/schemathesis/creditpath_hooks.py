"""Schemathesis hooks for the API conformance test: strategies for our GraphQL scalars, and the GraphQL check.

Schemathesis's own GraphQL checks count every refusal as a failure: an error with a path and no "client
error" code (NOT_FOUND for a random id) as a server error, and a BAD_USER_INPUT for values that GraphQL's
types allow but the domain does not (first: 0, an id that is not a UUID) as a rejected valid request. The
schema's types cannot say "a UUID" or "1 to 100", so for /graphql the test runs this check instead: no 5xx
and no INTERNAL_SERVER_ERROR, whatever the request.
"""

from hypothesis import strategies as st

import schemathesis
from schemathesis.graphql import nodes

schemathesis.graphql.scalar(
    "DateTimeISO",
    st.datetimes().map(lambda d: nodes.String(d.isoformat() + "Z")),
)
schemathesis.graphql.scalar(
    "JSON",
    st.one_of(st.integers().map(nodes.Int), st.text(max_size=20).map(nodes.String), st.booleans().map(nodes.Boolean)),
)


@schemathesis.check
def no_internal_error(ctx, response, case):
    """No 5xx, and no GraphQL error coded INTERNAL_SERVER_ERROR."""
    if response.status_code >= 500:
        raise AssertionError(f"HTTP {response.status_code}: {response.text[:500]}")
    try:
        body = response.json()
    except ValueError as exc:
        raise AssertionError(f"not JSON: {response.text[:500]}") from exc
    errors = body.get("errors") or [] if isinstance(body, dict) else []
    internal = [e for e in errors if (e.get("extensions") or {}).get("code") == "INTERNAL_SERVER_ERROR"]
    if internal:
        raise AssertionError(f"internal error: {internal}")
