"""ARR rollup peer in pandas, written in the style of the public reference solution of the challenge:
read the three CSVs into DataFrames, walk each account up a parent dictionary, merge subscriptions with
items, filter the active ones, group and map the sums back onto accounts.

Same semantics as `workbook arr`: active means start_date <= as_of <= end_date (both ends inclusive) for
the subscription and the item; a self-parent or a parent that names no account makes a root; accounts on
or below a parent cycle get no ultimate parent and no hierarchy ARR. Floats, as the reference uses; the
amounts are written with two decimals.

usage: arr_pandas.py ACCOUNTS SUBSCRIPTIONS ITEMS AS_OF OUT
"""
import sys

import pandas as pd

accounts_path, subscriptions_path, items_path, as_of, out_path = sys.argv[1:6]

accounts_df = pd.read_csv(accounts_path, dtype={"id": str, "parent_id": str, "name": str}, keep_default_na=False)
subscriptions_df = pd.read_csv(subscriptions_path, dtype={"id": str, "account_id": str}, keep_default_na=False)
subscription_items_df = pd.read_csv(items_path, dtype={"id": str, "subscription_id": str}, keep_default_na=False)

# Converting start_date and end_date columns to datetime format
today = pd.Timestamp(as_of)
for df in (subscriptions_df, subscription_items_df):
    df["start_date"] = pd.to_datetime(df["start_date"])
    df["end_date"] = pd.to_datetime(df["end_date"])

# Dictionary for quick lookup of parent-child relationships
parent_lookup = dict(zip(accounts_df["id"], accounts_df["parent_id"]))


def find_ultimate_parent(account_id):
    """Traverse up the hierarchy until an account without a (known, other) parent; None on a cycle."""
    seen = set()
    current = account_id
    while True:
        if current in seen:
            return None
        seen.add(current)
        parent = parent_lookup[current]
        if parent == "" or parent == current or parent not in parent_lookup:
            return current
        current = parent


accounts_df["ultimate_parent_id"] = accounts_df["id"].apply(find_ultimate_parent)

# Active subscriptions and active subscription items
active_subscriptions = subscriptions_df[(subscriptions_df["start_date"] <= today) & (subscriptions_df["end_date"] >= today)]
active_items = subscription_items_df[(subscription_items_df["start_date"] <= today) & (subscription_items_df["end_date"] >= today)]
merged_df = pd.merge(active_items, active_subscriptions, left_on="subscription_id", right_on="id", suffixes=("_item", "_sub"))
merged_df["arr"] = merged_df["quantity"] * merged_df["list_price"] * (1 - merged_df["discount"])

# ARR per account, then per hierarchy
account_arr = merged_df.groupby("account_id")["arr"].sum()
accounts_df["arr"] = accounts_df["id"].map(account_arr).fillna(0)
hierarchy_arr = accounts_df.groupby("ultimate_parent_id")["arr"].sum()
accounts_df["hierarchy_arr"] = accounts_df["ultimate_parent_id"].map(hierarchy_arr)

accounts_df.to_csv(out_path, index=False, float_format="%.2f", lineterminator="\n")
