# Schemathesis hooks for test/api-fuzz.int.test.ts (loaded through SCHEMATHESIS_HOOKS): schema-valid (positive)
# cases are held to the two rules the document states once for the whole API instead of in every schema.
import uuid

import schemathesis


def _without_nul(value):
    # "No string contains a NUL character" (PostgreSQL cannot store one): the API refuses them everywhere, before
    # routing (test/input-hygiene.int.test.ts); negative cases keep them.
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    return value


@schemathesis.hook
def map_case(context, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return case
    for part in ("path_parameters", "query", "body"):
        value = getattr(case, part, None)
        if value is not None:
            setattr(case, part, _without_nul(value))
    # An Idempotency-Key names one request: a client never reuses it for another (that is the documented 422).
    if case.headers and "idempotency-key" in case.headers:
        case.headers["idempotency-key"] = str(uuid.uuid4())
    return case
