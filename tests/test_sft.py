"""LoRA SFT end to end at small scale: the completion-only masking on the real embedded tokenizer, the Gemma 4 code
path on a small Gemma-4-shaped model and tokenizer built here (no hub), a smoke training whose adapter the `hf`
backend loads, and bad pairs files."""
import argparse, json, math, subprocess, sys
from pathlib import Path
import pytest
import torch
from safetensors.torch import load_file

from lgtm575.core import load_settings
from lgtm575.data import load_split, prepare_diff
from lgtm575.backends import HFBackend, Decoding
from lgtm575.prompts import student_messages
from lgtm575.sft import (add_train_parser, check_masking, load_student, make_trainer, read_log, read_pairs, sft_examples,
                         tiny_gemma4, train, MaskingError, PairsError, TOWER)

HAIKU = ["Null slips through the gate\nno check before the call lands\nguard the empty case",
         "The loop reads past end\nan index one step too far\nbound it by the length",
         "Magic numbers hide\nname the constant that you mean\nfuture you will thank",
         "A test without asserts\nit passes but proves nothing\nsay what you expect"]


def write_pairs(path: Path, n: int = 4, listed: bool = False) -> Path:
    "The `n` shortest real training diffs (cheap to train on) with hand-written haiku (every other one as a list of lines when `listed`)."
    rows = sorted(load_split("train"), key=lambda r: (len(r.diff), r.id))[:n]
    with open(path, "w") as f:
        for i, (r, h) in enumerate(zip(rows, HAIKU * 3)):
            f.write(json.dumps({"id": r.id, "diff": r.diff, "haiku": h.split("\n") if listed and i % 2 else h}) + "\n")
    return path


def lora_b_norms(adapter_dir: Path) -> list[float]:
    return [float(v.float().norm()) for k, v in load_file(adapter_dir / "adapter_model.safetensors").items() if "lora_B" in k]


# ---------------------------------------------------------------- the masking, on the real embedded tokenizer

@pytest.fixture(scope="module")
def smol():
    return load_student(load_settings("smoke").student_model)


def test_collated_labels_mask_exactly_the_prompt(smol, tmp_path):
    model, tok = smol
    s = load_settings("offline")
    pairs = read_pairs(write_pairs(tmp_path / "p.jsonl", 4, listed=True))     # haiku as strings and as lists
    exs, skipped = sft_examples(pairs, s.diff_char_budget)
    assert not skipped and len(exs) == 4
    tr = make_trainer(model, tok, exs, s, tmp_path / "run", max_steps=1)
    ds = tr.train_dataset
    batch = tr.data_collator([ds[i] for i in range(len(ds))])           # the trainer's own collator, padded batch
    eos = tok.convert_tokens_to_ids("<|im_end|>")
    for i, ex in enumerate(exs):
        ids, labels = batch["input_ids"][i].tolist(), batch["labels"][i].tolist()
        prompt = tok.apply_chat_template(student_messages(prepare_diff(pairs[i]["diff"], s.diff_char_budget).text), add_generation_prompt=True,
                                         tokenize=True, return_dict=True)["input_ids"]
        full = tok.apply_chat_template(ex["prompt"] + ex["completion"], tokenize=True, return_dict=True)["input_ids"]
        k, n = len(prompt), len(full)
        assert ids[:k] == prompt and ids[:n] == full
        assert all(l == -100 for l in labels[:k]), "a prompt token carries a label"
        assert labels[k:n] == ids[k:n], "a completion token's label is not its input id"
        assert all(l == -100 for l in labels[n:]) and not any(batch["attention_mask"][i].tolist()[n:])
        assert tok.decode(ids[k:n], skip_special_tokens=True).strip() == pairs[i]["haiku"]
        assert eos in ids[k:n] and tok.decode(ids[ids.index(eos, k) + 1:n]).strip() == ""   # ends with <|im_end|>
        assert ids[0] == tok.bos_token_id and ids[1] != tok.bos_token_id                     # no doubled BOS
    rep = check_masking(tr, exs, n=None)
    assert rep["rows"] == 4 and rep["end_of_turn"] == "<|im_end|>"
    # the check can fail: a full-sequence loss is caught
    bad = make_trainer(load_student("embedded:SmolLM2-135M-Instruct")[0], tok, exs, s, tmp_path / "bad", max_steps=1,
                       completion_only_loss=False)
    with pytest.raises(MaskingError, match="prompt token has a label"):
        check_masking(bad, exs)


# ---------------------------------------------------------------- smoke training → adapter → hf backend

def test_smoke_train_writes_an_adapter_the_hf_backend_loads(tmp_path):
    pairs = write_pairs(tmp_path / "pairs.jsonl", 4, listed=True)
    out = tmp_path / "smoke"
    r = subprocess.run([sys.executable, "-m", "lgtm575.sft", "--profile", "smoke", "--pairs", str(pairs), "--out", str(out),
                        "--max-steps", "1", "--limit", "2"], capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    ad = out / "adapter"
    assert {"adapter_model.safetensors", "adapter_config.json", "README.md", "train_summary.json", "trainer_log.jsonl"} <= {p.name for p in ad.iterdir()}
    assert (out / "loss.png").read_bytes()[:4] == b"\x89PNG" and not (out / "checkpoints").exists()
    card = (ad / "README.md").read_text()
    assert card.startswith("---\nbase_model: HuggingFaceTB/SmolLM2-135M-Instruct\nlibrary_name: peft\n")
    assert "| lora_r | 16 |" in card and "| learning_rate | 0.0002 |" in card and "pairs used: 2 of 2" in card
    assert "Not yet evaluated" in card
    losses = [x["loss"] for x in read_log(ad / "trainer_log.jsonl") if "loss" in x]
    assert len(losses) == 1 and math.isfinite(losses[0])
    summ = json.loads((ad / "train_summary.json").read_text())
    assert summ["training"]["steps"] == 1 and summ["hyperparameters"]["lora_alpha"] == 32 and summ["adapter_bytes"] > 1e6
    assert min(lora_b_norms(ad)) > 0
    base = HFBackend("embedded:SmolLM2-135M-Instruct")
    sft = HFBackend("embedded:SmolLM2-135M-Instruct", adapter=ad)
    assert sft.info()["adapter_hash"] and sum(1 for _, m in sft.model.named_modules() if hasattr(m, "lora_A")) == 30 * 7
    conv = [student_messages(load_split("heldout")[0].diff[:600])]
    g = sft.generate(conv, Decoding(max_new_tokens=12))[0]
    assert g.text and g.completion_tokens > 0
    enc = base.tokenizer.apply_chat_template(conv, add_generation_prompt=True, return_tensors="pt", return_dict=True)
    with torch.no_grad():
        assert not torch.equal(base.model(**enc).logits, sft.model(**enc).logits)       # the adapter is applied


# ---------------------------------------------------------------- the Gemma 4 path, small and local

GEMMA_TEMPLATE = ("{{ bos_token }}{% for m in messages %}{% set role = 'model' if m['role'] == 'assistant' else m['role'] %}"
                  "{{ '<|turn>' + role + '\\n' + (m['content'] | trim) + '<turn|>\\n' }}{% endfor %}"
                  "{% if add_generation_prompt %}{{ '<|turn>model\\n' }}{% endif %}")


def gemma_tokenizer():
    "A byte-level tokenizer with Gemma's special tokens (pad 0, eos 1, bos 2), a BOS-adding post-processor, and a Gemma 4 style chat template."
    from tokenizers import Tokenizer, models, pre_tokenizers, decoders, processors
    from transformers import PreTrainedTokenizerFast
    specials = ["<pad>", "<eos>", "<bos>", "<unk>", "<|turn>", "<turn|>"]
    vocab = {t: i for i, t in enumerate(specials)}
    for ch in pre_tokenizers.ByteLevel.alphabet(): vocab.setdefault(ch, len(vocab))
    tk = Tokenizer(models.BPE(vocab=vocab, merges=[], unk_token="<unk>"))
    tk.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tk.decoder = decoders.ByteLevel()
    tk.post_processor = processors.TemplateProcessing(single="<bos> $A", pair="<bos> $A $B", special_tokens=[("<bos>", 2)])
    tok = PreTrainedTokenizerFast(tokenizer_object=tk, bos_token="<bos>", eos_token="<eos>", pad_token="<pad>",
                                  unk_token="<unk>", additional_special_tokens=["<|turn>", "<turn|>"])
    tok.chat_template = GEMMA_TEMPLATE
    return tok


@pytest.fixture(scope="module")
def tiny_gemma_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("tiny-gemma4")
    tok = gemma_tokenizer()
    model = tiny_gemma4(vocab_size=320)
    assert len(tok) <= 320
    model.save_pretrained(d); tok.save_pretrained(d)
    return d


def test_gemma4_path_targets_masking_and_one_step(tiny_gemma_dir, tmp_path):
    d = tiny_gemma_dir
    model, tok = load_student(str(d))
    assert type(model).__name__ == "Gemma4ForConditionalGeneration"
    assert tok("x")["input_ids"][0] == tok.bos_token_id          # plain tokenization adds a BOS: the double-BOS trap exists
    s = load_settings("paper")
    exs, _ = sft_examples(read_pairs(write_pairs(tmp_path / "p.jsonl", 4)), s.diff_char_budget)
    decoder = {n for n, m in model.named_modules() if isinstance(m, torch.nn.Linear) and n.startswith("model.language_model.")}
    tr = make_trainer(model, tok, exs, s, tmp_path / "t", max_steps=1)
    # LoRA: every linear layer of the text decoder, nothing in the vision or audio towers or their embedders
    wrapped = {n.removeprefix("base_model.model.") for n, m in tr.model.named_modules() if hasattr(m, "lora_A")}
    assert wrapped == decoder and len(wrapped) >= 28
    assert not any(TOWER.search(n) for n in wrapped)
    assert any("vision_tower" in n for n in (n for n, _ in model.named_modules())) and any("audio_tower" in n for n, _ in model.named_modules())
    # masking and exactly one BOS (the template's), the completion closed by <turn|>
    rep = check_masking(tr, exs, n=None)
    assert rep["bos_in_template"] and rep["end_of_turn"] == "<turn|>"
    row = tr.data_collator([tr.train_dataset[0]])["input_ids"][0].tolist()
    assert row.count(tok.bos_token_id) == 1 and row[0] == tok.bos_token_id
    # one optimizer step through `train` (the stage's code path: paper profile, this local model)
    out = tmp_path / "run"
    summary = train("paper", tmp_path / "p.jsonl", out, max_steps=1, model=str(d), progress=False)
    assert summary["training"]["steps"] == 1 and math.isfinite(summary["training"]["final_loss"])
    keys = load_file(out / "adapter" / "adapter_model.safetensors").keys()
    assert keys and all("language_model" in k and not TOWER.search(k) for k in keys)
    assert min(lora_b_norms(out / "adapter")) > 0                # lora_B starts at zero: the step changed every one
    # the adapter loads onto the model as inference loads it
    be = HFBackend(str(d), adapter=out / "adapter")
    assert be.generate([student_messages("@@ -1 +1 @@\n-a\n+b")], Decoding(max_new_tokens=3))[0].completion_tokens >= 1


def test_killed_run_resumes_from_its_checkpoint(tiny_gemma_dir, tmp_path, monkeypatch):
    import lgtm575.sft as sft
    pairs, out = write_pairs(tmp_path / "p.jsonl", 2), tmp_path / "run"
    kw = dict(max_steps=3, model=str(tiny_gemma_dir), progress=False, save_steps=1, gradient_accumulation_steps=1)

    logger = sft.jsonl_logger
    def killed(path):                                   # dies at the end of step 2, before its checkpoint is written
        cb = logger(path)
        def on_step_end(args, state, control, **k):
            if state.global_step == 2: raise KeyboardInterrupt
        cb.on_step_end = on_step_end
        return cb
    with monkeypatch.context() as m:
        m.setattr(sft, "jsonl_logger", killed)
        with pytest.raises(KeyboardInterrupt): train("paper", pairs, out, **kw)
    assert (out / "checkpoints" / "checkpoint-1").is_dir() and not (out / "adapter").exists()
    summary = train("paper", pairs, out, **kw)
    assert summary["training"]["resumed_from"] == "checkpoint-1" and summary["training"]["steps"] == 3
    log = read_log(out / "trainer_log.jsonl")
    assert [r["step"] for r in log if "loss" in r] == [1, 2, 3]
    # the wall time counts the killed run's kept step too, not only the resumed run's
    secs, t = [r["train_seconds"] for r in log], summary["training"]
    assert secs == sorted(secs) and secs[0] > 0
    assert t["wall_seconds"] == pytest.approx(secs[0] + t["wall_seconds_this_run"], abs=0.002)
    assert t["wall_seconds"] > t["wall_seconds_this_run"]


def test_checkpoints_of_another_config_are_refused(tmp_path):
    pairs = write_pairs(tmp_path / "pairs.jsonl", 2)
    (tmp_path / "out" / "checkpoints").mkdir(parents=True)
    (tmp_path / "out" / "checkpoints" / "lgtm575-config.json").write_text('{"config_hash": "0000"}')
    with pytest.raises(PairsError, match="lgtm575-config.json: written by another run config"):
        train("smoke", pairs, tmp_path / "out")


# ---------------------------------------------------------------- bad pairs files: exit 2, one line naming file and line

def run_train_cmd(argv, capsys) -> tuple[int, str]:
    ap = argparse.ArgumentParser(); add_train_parser(ap.add_subparsers(dest="cmd"))
    a = ap.parse_args(["train", *argv])
    code = a.func(a)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("name,text,msg", [
    ("empty.jsonl", "", "no pairs in the file"),
    ("blank.jsonl", "\n\n", "no pairs in the file"),
    ("json.jsonl", '{"id": "a", "diff": "d", "haiku": "a\\nb\\nc"}\n{"id": "b", "diff"\n', "json.jsonl:2: not valid JSON"),
    ("lines.jsonl", '{"id": "a", "diff": "d", "haiku": "only\\ntwo"}\n', "lines.jsonl:1: haiku must have 3 non-empty lines"),
    ("list.jsonl", '[1, 2]\n', "list.jsonl:1: expected a JSON object"),
    ("nodiff.jsonl", '{"id": "a", "haiku": "a\\nb\\nc"}\n', "nodiff.jsonl:1: missing key diff"),
    ("bytes.jsonl", b'{"id": "a", "diff": "\xff", "haiku": "a\\nb\\nc"}\n', "bytes.jsonl:1: not valid UTF-8"),
])
def test_bad_pairs_file_exits_2_with_one_line(tmp_path, capsys, name, text, msg):
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode())
    code, err = run_train_cmd(["--profile", "smoke", "--pairs", str(p), "--out", str(tmp_path / "o")], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1 and msg in err and err.startswith("lgtm575 train: error: ")
    assert not (tmp_path / "o").exists()


def test_missing_pairs_file_and_bad_profile(tmp_path, capsys):
    code, err = run_train_cmd(["--profile", "smoke", "--pairs", str(tmp_path / "nope.jsonl")], capsys)
    assert code == 2 and "nope.jsonl: no such pairs file" in err
    code, err = run_train_cmd(["--profile", "nope", "--pairs", str(write_pairs(tmp_path / "p.jsonl", 1))], capsys)
    assert code == 2 and "unknown profile 'nope'" in err


def test_bad_drill_source_exits_2_with_one_line(tmp_path, capsys):
    "--drill reads its prose before any model loads: a missing file, one with no comments or a held-out one is one line naming it."
    pairs = str(write_pairs(tmp_path / "p.jsonl", 1))
    for src, msg in [(tmp_path / "nope.jsonl", "nope.jsonl: no such file for the drills' comments"),
                     (pairs, "p.jsonl: no drill lines"),
                     (Path(__file__).parents[1] / "data" / "heldout.jsonl", "heldout.jsonl:1: a held-out row's comment")]:
        code, err = run_train_cmd(["--profile", "smoke", "--pairs", pairs, "--out", str(tmp_path / "o"), "--drill", "3",
                                   "--drill-from", str(src)], capsys)
        assert code == 2 and len(err.strip().splitlines()) == 1 and msg in err, err
    assert not (tmp_path / "o").exists()


def test_paper_v1_recipe_at_tiny_scale(tiny_gemma_dir, tmp_path):
    "The paper profile's v1.0 recipe (plan traces, SFT on them, then GRPO on the harness's rewards) through the stage code, on a small Gemma-4-shaped model (CPU; a GPU adds vLLM generation)."
    from lgtm575.plan import write_traces
    from lgtm575.grpo import grpo_train
    d, s = tiny_gemma_dir, load_settings("paper")
    rep = write_traces(write_pairs(tmp_path / "p.jsonl", 4), tmp_path / "traces.jsonl", s.pattern)
    assert rep["n_traces"] >= 2, rep
    sft = train("paper", tmp_path / "traces.jsonl", tmp_path / "sft", max_steps=1, model=str(d), progress=False)
    assert sft["training"]["steps"] == 1
    g = grpo_train("paper", tmp_path / "traces.jsonl", adapter=tmp_path / "sft" / "adapter", out=tmp_path / "grpo", model=str(d),
                   progress=False, max_steps=1, num_generations=2, max_completion_length=8)
    assert g["steps"] == 1 and g["reward_last"] is not None, g
    keys = load_file(tmp_path / "grpo" / "adapter" / "adapter_model.safetensors").keys()
    assert keys and all("language_model" in k and not TOWER.search(k) for k in keys)


def test_lexicon_stage_then_sft_goes_on_from_its_lora(tiny_gemma_dir, tmp_path):
    "train --lexicon: a LoRA learns the lexicon first (OUT/lexicon), the SFT trains that same LoRA, and the SFT's config records the lexicon's."
    from lgtm575.lexicon import lexicon_adapter, lexicon_config
    from lgtm575.records import config_hash
    d, pairs, out = str(tiny_gemma_dir), write_pairs(tmp_path / "p.jsonl", 2), tmp_path / "run"
    lex = lexicon_adapter("paper", 16, out / "lexicon", model=d, progress=False, test_words=8)
    assert lex["steps"] == 2 and lex["test_words"] == 8 and min(lora_b_norms(out / "lexicon" / "adapter")) > 0
    s = train("paper", pairs, out, max_steps=1, model=d, progress=False, lexicon=16, learning_rate=0.0)
    assert s["data"]["lexicon"]["steps"] == 2 and s["data"]["lexicon"]["words"] == 16
    a, b = (load_file(p / "adapter_model.safetensors") for p in (out / "lexicon" / "adapter", out / "adapter"))
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)   # at lr 0 the SFT's adapter is the lexicon's: it went on from it
    same = train("paper", pairs, out, max_steps=1, model=d, progress=False, lexicon=16, learning_rate=0.0)
    assert same["config_hash"] == s["config_hash"] and same["finished_at"] == s["finished_at"]   # the same config: reused
    other = train("paper", pairs, out, max_steps=1, model=d, progress=False, lexicon=24, learning_rate=0.0)
    assert other["config_hash"] != s["config_hash"] and other["data"]["lexicon"]["words"] == 24   # another lexicon: trained again
    assert json.loads((out / "lexicon" / "adapter" / "lexicon_summary.json").read_text())["config_hash"] == config_hash(lexicon_config("paper", 24, d))
