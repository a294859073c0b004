export DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_integ
export REDIS_URL=redis://127.0.0.1:6379/8
export CI=true
