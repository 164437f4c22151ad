"""Publishing through the pages, as a planner does: open the confirmation, then post what it holds."""

from __future__ import annotations

import re


def confirmation_fields(client, run_id: int) -> dict[str, str]:
    """The hidden fields of the confirmation page's publish form (run, the plan compared with, confirmed)."""
    page = client.get(f"/planner/publiceren?run={run_id}").get_data(as_text=True)
    form = page[page.index('action="/planner/publiceren"') :]
    return dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', form[: form.index("</form>")]))


def publish(client, run_id: int):
    return client.post("/planner/publiceren", data=confirmation_fields(client, run_id), follow_redirects=True)
