; pith tags query: C#. Capture contract: src/index/extract.ts.

(field_declaration (modifier) @_mod (variable_declaration (variable_declarator (identifier) @name)) (#eq? @_mod "const")) @definition.constant
(field_declaration (variable_declaration (variable_declarator (identifier) @name))) @definition.field
(property_declaration name: (identifier) @name) @definition.field

(class_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(struct_declaration name: (identifier) @name) @definition.struct
(interface_declaration name: (identifier) @name) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(delegate_declaration name: (identifier) @name) @definition.type
(method_declaration name: (identifier) @name) @definition.method
(constructor_declaration name: (identifier) @name) @definition.method
(namespace_declaration name: [(identifier) (qualified_name)] @name) @definition.module
(file_scoped_namespace_declaration name: [(identifier) (qualified_name)] @name) @definition.module

; References used for ranking.
(invocation_expression function: (identifier) @reference)
(invocation_expression function: (member_access_expression name: (identifier) @reference))
(object_creation_expression type: (identifier) @reference)
(base_list (identifier) @reference)
(parameter type: (identifier) @reference)
(variable_declaration type: (identifier) @reference)
(generic_name (identifier) @reference)
