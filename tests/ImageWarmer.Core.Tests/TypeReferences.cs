using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ImageWarmer.Core.Tests;

/// <summary>Every type one compiled type refers to: its base type, interfaces, attributes, fields, properties, events,
/// method signatures, locals and the operands of its method bodies, with generic arguments and nested types.</summary>
internal static class TypeReferences
{
    public static IReadOnlyCollection<TypeReference> Of(TypeDefinition type)
    {
        var found = new Dictionary<string, TypeReference>(StringComparer.Ordinal);
        Visit(type, found);
        return found.Values;
    }

    private static void Visit(TypeDefinition type, Dictionary<string, TypeReference> found)
    {
        Add(type.BaseType, found);
        Attributes(type, found);
        foreach (var i in type.Interfaces)
        {
            Add(i.InterfaceType, found);
        }
        foreach (var field in type.Fields)
        {
            Add(field.FieldType, found);
            Attributes(field, found);
        }
        foreach (var property in type.Properties)
        {
            Add(property.PropertyType, found);
            Attributes(property, found);
        }
        foreach (var e in type.Events)
        {
            Add(e.EventType, found);
        }
        foreach (var method in type.Methods)
        {
            Method(method, found);
            Attributes(method, found);
            if (method.HasBody)
            {
                foreach (var local in method.Body.Variables)
                {
                    Add(local.VariableType, found);
                }
                foreach (var instruction in method.Body.Instructions)
                {
                    Operand(instruction, found);
                }
            }
        }
        foreach (var nested in type.NestedTypes)
        {
            Visit(nested, found);
        }
    }

    private static void Operand(Instruction instruction, Dictionary<string, TypeReference> found)
    {
        switch (instruction.Operand)
        {
            case TypeReference t:
                Add(t, found);
                break;
            case MethodReference m:
                Method(m, found);
                break;
            case FieldReference f:
                Add(f.DeclaringType, found);
                Add(f.FieldType, found);
                break;
        }
    }

    private static void Method(MethodReference method, Dictionary<string, TypeReference> found)
    {
        Add(method.DeclaringType, found);
        Add(method.ReturnType, found);
        foreach (var parameter in method.Parameters)
        {
            Add(parameter.ParameterType, found);
        }
        if (method is GenericInstanceMethod generic)
        {
            foreach (var argument in generic.GenericArguments)
            {
                Add(argument, found);
            }
        }
    }

    private static void Attributes(ICustomAttributeProvider provider, Dictionary<string, TypeReference> found)
    {
        foreach (var attribute in provider.CustomAttributes)
        {
            Add(attribute.AttributeType, found);
        }
    }

    private static void Add(TypeReference? type, Dictionary<string, TypeReference> found)
    {
        switch (type)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                Add(generic.ElementType, found);
                foreach (var argument in generic.GenericArguments)
                {
                    Add(argument, found);
                }
                return;
            case TypeSpecification specification: // arrays, by-ref, pointers, modifiers
                Add(specification.ElementType, found);
                return;
            default:
                found.TryAdd(type.FullName, type);
                return;
        }
    }
}
