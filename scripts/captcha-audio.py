"""Write the spoken characters of the captcha's audio alternative (borderzone/core/data/captcha_audio/).

Run once when the character set changes: `python scripts/captcha-audio.py` with Debian's espeak-ng
installed. The clips are committed, so the system itself needs no speech engine. Each clip is the
character's name in the language, trimmed of silence at both ends, 16-bit mono WAV.
"""

import subprocess
import sys
import tempfile
import wave
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "borderzone" / "core" / "data" / "captcha_audio"

# What each character is called, per language and espeak-ng voice. The set avoids characters that
# look alike (0/O, 1/I/l, 5/S, 2/Z, 8/B, 6/G) and letters whose names sound alike in Vietnamese.
SPOKEN = {
    "vi": (
        "vi",
        {
            "A": "a",
            "C": "xê",
            "D": "dê",
            "E": "e",
            "F": "ép",
            "H": "hát",
            "K": "ca",
            "M": "em mờ",
            "N": "en nờ",
            "P": "pê",
            "R": "e rờ",
            "T": "tê",
            "U": "u",
            "V": "vê",
            "X": "ích xì",
            "Y": "i dài",
            "3": "ba",
            "4": "bốn",
            "7": "bảy",
            "9": "chín",
        },
    ),
    "en": (
        "en-us",
        {
            "A": "ay",
            "C": "see",
            "D": "dee",
            "E": "ee",
            "F": "eff",
            "H": "aitch",
            "K": "kay",
            "M": "em",
            "N": "en",
            "P": "pee",
            "R": "are",
            "T": "tee",
            "U": "you",
            "V": "vee",
            "X": "ex",
            "Y": "why",
            "3": "three",
            "4": "four",
            "7": "seven",
            "9": "nine",
        },
    ),
    "zh": (
        "cmn",
        {
            "A": "A",
            "C": "C",
            "D": "D",
            "E": "E",
            "F": "F",
            "H": "H",
            "K": "K",
            "M": "M",
            "N": "N",
            "P": "P",
            "R": "R",
            "T": "T",
            "U": "U",
            "V": "V",
            "X": "X",
            "Y": "Y",
            "3": "三",
            "4": "四",
            "7": "七",
            "9": "九",
        },
    ),
}


def trimmed(frames: bytes, width: int, threshold: int = 400) -> bytes:
    samples = [int.from_bytes(frames[i : i + width], "little", signed=True) for i in range(0, len(frames), width)]
    loud = [i for i, s in enumerate(samples) if abs(s) > threshold]
    if not loud:
        return frames
    start, end = max(loud[0] - 200, 0), min(loud[-1] + 200, len(samples))
    return frames[start * width : end * width]


def halved(frames: bytes, width: int) -> bytes:
    """Half the sample rate (pairs averaged): speech stays clear at 11 kHz and the clips take half the room."""
    samples = [int.from_bytes(frames[i : i + width], "little", signed=True) for i in range(0, len(frames), width)]
    pairs = [(samples[i] + samples[i + 1]) // 2 for i in range(0, len(samples) - 1, 2)]
    return b"".join(s.to_bytes(width, "little", signed=True) for s in pairs)


def main() -> int:
    for lang, (voice, names) in SPOKEN.items():
        folder = OUT / lang
        folder.mkdir(parents=True, exist_ok=True)
        for char, text in names.items():
            with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:
                subprocess.run(["espeak-ng", "-v", voice, "-s", "130", "-w", tmp.name, text], check=True)  # noqa: S603, S607
                with wave.open(tmp.name, "rb") as source:
                    params = source.getparams()
                    frames = trimmed(source.readframes(params.nframes), params.sampwidth)
            with wave.open(str(folder / f"{char}.wav"), "wb") as clip:
                clip.setnchannels(1)
                clip.setsampwidth(params.sampwidth)
                clip.setframerate(params.framerate // 2)
                clip.writeframes(halved(frames, params.sampwidth))
        print(f"{lang}: {len(names)} clips")
    return 0


if __name__ == "__main__":
    sys.exit(main())
