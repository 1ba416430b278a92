# Japanese: the same ids and arguments as i18n/en/base.ftl; terms as in i18n/glossary.toml.

error-io = { $path }: { $reason }
error-expected = 想定していたもの: { $expected }
