"""How the test scripts here count: one line per check, then the closing
"N passed, M failed" and an exit status that says the same."""
import sys

passed = failed = 0


def check(cond, what, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
    print(("ok   " if cond else "FAIL ") + what)
    if not cond and detail:
        print("     " + str(detail).replace("\n", "\n     "))
    return bool(cond)


def finish():
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
