"""The event store: articles, their coded events and the merged events, in SQLite or PostgreSQL.

```python
from dateline.store import Store
with Store.open("sqlite:///events.db") as store:      # or postgresql+psycopg://..., default ~/.local/share
    events = store.events(since=date(2025, 1, 1), country="NG")
    df = store.dataframe(event_type="Battles")
```
"""

from dateline.store.db import Counts, Member, SplitError, SplitResult, Store, default_url

__all__ = ["Counts", "Member", "SplitError", "SplitResult", "Store", "default_url"]
