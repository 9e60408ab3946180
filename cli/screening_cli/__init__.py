"""The `screen` command line: a thin Typer layer over the `screening` library.

One module per command (`check`, `lookup`, `explain`, `lists` for update/lists/diff,
`history`, `review`), the options they share (`options`), how a command runs and ends
(`runner`), where things live (`places`), the audit of runs (`audit`), reports and exit
codes (`report`) and everything drawn with rich (`render`). `app` puts the commands together;
nothing imports it but the entry point.
"""
