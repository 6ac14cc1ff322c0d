; pith tags query: TSX additions on top of typescript.scm (JSX components used).
(jsx_opening_element name: (identifier) @reference)
(jsx_self_closing_element name: (identifier) @reference)
