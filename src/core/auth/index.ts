// `edge-api/auth`: authentication building blocks (tokens, password hashing, credential guards). Reserved: the
// entry is wired into the package and its build so the blocks join it as they land.
export {}
