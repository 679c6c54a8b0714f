"""What is written: notas, Kamerbrieven, bijlagen and their versions (see the issues)."""
