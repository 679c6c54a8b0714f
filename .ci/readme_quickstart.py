"""Print the commands of the README's Quick start block, one a line, without their comments."""

import re
import sys
from pathlib import Path

text = Path(sys.argv[1]).read_text(encoding="utf-8")
section = re.search(r"^## Quick start\n(.*?)^## ", text, re.S | re.M)
if not section:
    sys.exit("README.md has no '## Quick start' section")
block = re.search(r"^```(?:sh|bash|console)?\n(.*?)^```", section.group(1), re.S | re.M)
if not block:
    sys.exit("the Quick start section has no code block")
for line in block.group(1).splitlines():
    command = re.sub(r"\s+#.*$", "", line).strip()
    if command:
        print(command)
