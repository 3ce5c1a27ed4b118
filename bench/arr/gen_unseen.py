"""Writes an ARR data set the workbook has never seen: the challenge's three files, shaped like real exports
rather than like the workbook's own generator (`workbook generate arr`), and written by a different program.

- 12% of accounts have subscriptions (1-3 each, 1-5 items each);
- names are quoted: they hold commas and double quotes;
- every file starts with a UTF-8 byte-order mark and ends its lines with CRLF;
- account rows are shuffled, so a child often comes before its parent;
- one 3,000-deep chain, one 5-account parent cycle with 3 accounts below it, a few dangling parents;
- about 1.4% of items (about 1,900 at 250,000 accounts) end before they start: bad rows, which the rollup skips
  and reports under --lenient, and which the pandas peer simply never finds active.

Deterministic for a seed. usage: gen_unseen.py OUT_DIR ACCOUNTS [SEED]
"""
import csv
import datetime
import os
import random
import sys
import uuid

out_dir, accounts = sys.argv[1], int(sys.argv[2])
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20261127
rng = random.Random(seed)
os.makedirs(out_dir, exist_ok=True)

CHAIN = 3000
CYCLE = 5
BELOW_CYCLE = 3
DANGLING = 7


def new_id():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


WORDS = ["Umbrella", "Acme", "Globex", "Initech", "Hooli", "Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent",
         "Wonka", "Gringotts", "Oscorp", "Vandelay", "Pied Piper", "Aperture", "Massive Dynamic", "Monarch"]
SUFFIXES = ["Inc.", "Ltd", "GmbH", "S.A.", "LLC", "K.K.", "B.V.", "plc"]
REGIONS = ["USA", "Europe", "Japan", "Medical", "Pharmaceuticals", "Industries", "Holdings", "Labs"]


def name():
    base = f"{rng.choice(WORDS)} {rng.choice(REGIONS)}"
    roll = rng.random()
    if roll < 0.45:
        return f"{base}, {rng.choice(SUFFIXES)}"  # a comma
    if roll < 0.60:
        return f'{base} "{rng.choice(WORDS)}", {rng.choice(SUFFIXES)}'  # quotes and a comma
    return f"{base} {rng.choice(SUFFIXES)}"


ids = [new_id() for _ in range(accounts)]
parent = [""] * accounts
# The chain: account i's parent is account i - 1.
for i in range(1, min(CHAIN, accounts)):
    parent[i] = ids[i - 1]
# The cycle, and accounts hanging below it.
start = CHAIN
if accounts >= start + CYCLE + BELOW_CYCLE:
    for k in range(CYCLE):
        parent[start + k] = ids[start + (k + 1) % CYCLE]
    for k in range(BELOW_CYCLE):
        parent[start + CYCLE + k] = ids[start + k]
    start += CYCLE + BELOW_CYCLE
# Everyone else: about a third are roots, the rest hang below an earlier account of the same kind.
for i in range(start, accounts):
    if i - start < 1 or rng.random() < 0.35:
        continue
    parent[i] = ids[rng.randrange(start, i)]
for i in rng.sample(range(start, accounts), min(DANGLING, max(0, accounts - start))):
    parent[i] = new_id()

order = list(range(accounts))
rng.shuffle(order)


def writer(path):
    handle = open(path, "w", newline="", encoding="utf-8-sig")  # utf-8-sig: a byte-order mark first
    return handle, csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)


handle, rows = writer(os.path.join(out_dir, "accounts.csv"))
rows.writerow(["id", "parent_id", "name", "ultimate_parent_id", "arr", "hierarchy_arr"])
for i in order:
    rows.writerow([ids[i], parent[i], name(), "", "", ""])
handle.close()

AS_OF_RANGE = (datetime.date(2021, 1, 1), datetime.date(2024, 6, 30))
span = (AS_OF_RANGE[1] - AS_OF_RANGE[0]).days
# Whole-dollar prices and two-decimal discounts: every amount is a whole number of cents, so the float peers print
# the same cents as the decimal engine.
PRODUCTS = [("Seat License", "15.00"), ("Platform Fee", "1200.00"), ("API Calls (1M)", "49.00"), ("Support, Premium", "2400.00"),
            ('Storage "Hot" (TB)', "250.00"), ("Training", "99.00")]

sub_handle, subs = writer(os.path.join(out_dir, "subscriptions.csv"))
item_handle, items = writer(os.path.join(out_dir, "subscription_items.csv"))
subs.writerow(["id", "account_id", "start_date", "end_date"])
items.writerow(["id", "subscription_id", "product_name", "quantity", "list_price", "discount", "start_date", "end_date"])
for account in sorted(rng.sample(range(accounts), round(accounts * 0.12))):
    for _ in range(rng.choices([1, 2, 3], [60, 30, 10])[0]):
        sub_id = new_id()
        begin = AS_OF_RANGE[0] + datetime.timedelta(days=rng.randrange(span))
        end = begin + datetime.timedelta(days=rng.choice([365, 730, 1095]) - 1)
        subs.writerow([sub_id, ids[account], begin.isoformat(), end.isoformat()])
        for _ in range(rng.randint(1, 5)):
            product, price = rng.choice(PRODUCTS)
            item_begin = begin + datetime.timedelta(days=rng.choice([0, 0, 0, 30, 90]))
            item_end = end
            if rng.random() < 0.014:
                item_begin, item_end = item_end, item_begin  # ends before it starts
            items.writerow([new_id(), sub_id, product, rng.randint(1, 500), price,
                            f"{rng.choice([0, 0, 5, 7, 10, 15, 20, 25]) / 100:.2f}", item_begin.isoformat(), item_end.isoformat()])
sub_handle.close()
item_handle.close()
