"""CreditPathAI model pipeline: dataset -> split -> train -> evaluate -> export_onnx (one module per step)."""
