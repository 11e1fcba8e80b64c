# Passed to llama-cpp-python's build as CMAKE_PROJECT_llama.cpp_INCLUDE, so it runs right after llama.cpp's
# project(): skip llama.cpp's "common" library. llama-cpp-python forces it on, but its Python bindings load only
# libllama and libggml, and common is half of the build time (measured here: 127 s instead of 271 s on 2 cores).
set(LLAMA_BUILD_COMMON OFF)
