"""What an analyst would write with pandas to get what `ita rank` gives (see
duckdb.mjs). Usage: python3 pandas_rank.py SCORES.csv MAP.csv"""
import sys

import pandas as pd

data, mapping = sys.argv[1:3]
s = pd.read_csv(data, dtype={"agency": str, "province": str, "item": str})
m = pd.read_csv(mapping)
items = s.groupby(["agency", "year", "item"], as_index=False)["score"].mean()
parts = items.merge(m, on=["year", "item"]).groupby(
    ["agency", "year", "indicator", "part"], as_index=False)["score"].mean()
ind = parts.groupby(["agency", "year", "indicator"], as_index=False)["score"].mean()
w = m[["year", "indicator", "weight"]].drop_duplicates()
ind_w = ind.merge(w, on=["year", "indicator"])
ind_w["weighted"] = ind_w["score"] * ind_w["weight"] / 10000
overall = ind_w.groupby(["agency", "year"], as_index=False)["weighted"].sum()
overall["score"] = overall["weighted"].round(2)
latest = overall["year"].max()
cur = overall[overall["year"] == latest][["agency", "score"]]
prev = overall[overall["year"] == overall.loc[overall["year"] < latest, "year"].max()][["agency", "score"]]
ranking = cur.merge(prev.rename(columns={"score": "previous"}), on="agency", how="left")
ranking["delta"] = ranking["score"] - ranking["previous"]
ranking["rank"] = ranking["score"].rank(method="min", ascending=False).astype(int)
ranking = ranking.sort_values(["score", "agency"], ascending=[False, True])
stats = ind[ind["year"] == latest].groupby("indicator")["score"].describe()
print(len(ranking), ranking["score"].mean(), ranking["score"].median(),
      100 * (ranking["score"] >= 85).mean(), len(stats))
